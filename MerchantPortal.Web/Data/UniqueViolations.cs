using Microsoft.Data.Sqlite;
using Npgsql;

namespace MerchantPortal.Web.Data;

/// <summary>
/// Recognises a unique index refusing a write, on either provider. <c>SaveChanges</c> wraps the driver's exception
/// in a <c>DbUpdateException</c>, but <c>ExecuteUpdate</c> and <c>ExecuteDelete</c> throw it bare, so both are looked at.
/// </summary>
public static class UniqueViolations
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static bool Is(Exception exception) => (exception as Microsoft.EntityFrameworkCore.DbUpdateException)?.InnerException switch
    {
        { } inner => IsDriver(inner),
        null => IsDriver(exception),
    };

    private static bool IsDriver(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        _ => false,
    };
}
