using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace MerchantPortal.Web.Data;

/// <summary>The unique index (or key) of the model that refused a write: its entity and properties.</summary>
public sealed record UniqueViolation(Type Entity, IReadOnlyList<string> Properties)
{
    /// <summary>True when the index is on exactly these properties of <typeparamref name="TEntity"/>, in any order.</summary>
    public bool Is<TEntity>(params string[] properties) =>
        Entity == typeof(TEntity) && Properties.Count == properties.Length && properties.All(Properties.Contains);
}

/// <summary>
/// One place that reads a unique-index violation, on both providers, wherever it comes from: wrapped in a
/// <see cref="DbUpdateException"/> by SaveChanges, or the driver's own exception from ExecuteUpdate/ExecuteDelete.
/// A check-then-insert loses races; the index wins them, and the caller turns the index into its 409 (or retries).
/// </summary>
public static partial class UniqueViolations
{
    private const string PostgresUniqueViolation = "23505";
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>The model's index that <paramref name="exception"/> violated, or null if it is no unique violation.</summary>
    public static UniqueViolation? FindUniqueViolation(this DbContext db, Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException { SqlState: PostgresUniqueViolation } pg:
                    return ByName(db.Model, pg.ConstraintName);
                case SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey } sqlite:
                    return ByColumns(db.Model, sqlite.Message);
            }
        }

        return null;
    }

    private static UniqueViolation? ByName(IModel model, string? name) =>
        Candidates(model).FirstOrDefault(c => c.Name == name).Violation;

    /// <summary>SQLite names the columns, not the index: "UNIQUE constraint failed: Table.A, Table.B".</summary>
    private static UniqueViolation? ByColumns(IModel model, string message)
    {
        var match = SqliteColumns().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var columns = match.Groups[1].Value.Split(", ").Select(c => c.Trim()).ToHashSet();
        return Candidates(model).FirstOrDefault(c => c.Columns.SetEquals(columns)).Violation;
    }

    private static IEnumerable<(string? Name, HashSet<string> Columns, UniqueViolation Violation)> Candidates(IModel model) =>
        from entity in model.GetEntityTypes()
        let table = entity.GetTableName()
        where table is not null
        from unique in entity.GetIndexes().Where(i => i.IsUnique).Select(i => (Name: i.GetDatabaseName(), i.Properties))
            .Concat(entity.GetKeys().Select(k => (Name: k.GetName(), k.Properties)))
        select (unique.Name,
            unique.Properties.Select(p => $"{table}.{p.GetColumnName()}").ToHashSet(),
            new UniqueViolation(entity.ClrType, [.. unique.Properties.Select(p => p.Name)]));

    [GeneratedRegex(@"UNIQUE constraint failed: ([^']+)")]
    private static partial Regex SqliteColumns();
}
