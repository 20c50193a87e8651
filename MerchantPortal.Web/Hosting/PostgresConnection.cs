using System.Data.Common;
using Npgsql;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// The connection string the portal opens PostgreSQL with: the operator's, with two pool settings added where it does
/// not name them (a connection string that names either keeps its own value).
/// </summary>
public static class PostgresConnection
{
    /// <summary>Statements prepared per pooled connection (Npgsql's automatic preparation; 0 turns it off).</summary>
    public const int MaxAutoPrepare = 64;

    public static string WithPoolDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var named = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // The portal keeps no session state on a connection (no SET, temporary table, LISTEN or session advisory lock),
        // so one handed back to the pool is not reset with DISCARD ALL before its next use: every EF query and save
        // opens and returns a connection, and each reset cost PostgreSQL a statement (seven an api_stk).
        if (!named.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        // The money path runs the same few statements over and over (the key lookup, the push's insert, a callback's
        // update): each is parsed and planned once per connection instead of on every run.
        if (!named.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        return builder.ConnectionString;
    }
}
