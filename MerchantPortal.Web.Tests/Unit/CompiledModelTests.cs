using MerchantPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>
/// The app starts on the compiled models in Data/CompiledModels (building the model from its configurations took about
/// a second of CPU on every start). EF uses a compiled model without checking it, so these fail when a configuration or
/// an entity changed and the compiled model was not regenerated (the commands are in the README, "Development").
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Providers() => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheContextRunsOnItsCompiledModel(string provider)
    {
        using var db = Create(provider);
        Assert.Equal($"{provider}PortalDbContextModel", db.Model.GetType().Name);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheCompiledModelMatchesTheModelBuiltFromTheConfigurations(string provider)
    {
        using var db = Create(provider);
        Assert.Equal(Describe(db.GetService<IDesignTimeModel>().Model), Describe(db.Model));
    }

    private static PortalDbContext Create(string provider) => provider == "Sqlite"
        ? new SqliteDesignTimeFactory().CreateDbContext([])
        : new PostgresDesignTimeFactory().CreateDbContext([]);

    // What queries and saves read from the model: tables, columns, keys, relationships and conversions. (Indexes only
    // matter to migrations, which build the model from the configurations.)
    private static string[] Describe(IModel model) => model.GetEntityTypes()
        .SelectMany(e => e.GetProperties().Select(p =>
                $"{e.Name}.{p.Name}: {p.ClrType.Name} {e.GetTableName()}.{p.GetColumnName()} {p.GetColumnType()} "
                + $"nullable={p.IsNullable} max={p.GetMaxLength()} converter={p.GetValueConverter()?.GetType().Name} "
                + $"generated={p.ValueGenerated} concurrency={p.IsConcurrencyToken}")
            .Concat(e.GetKeys().Select(k => $"{e.Name} key {Columns(k.Properties)} primary={k.IsPrimaryKey()}"))
            .Concat(e.GetForeignKeys().Select(f => $"{e.Name} fk {Columns(f.Properties)} -> {f.PrincipalEntityType.Name} {f.DeleteBehavior}"))
            .Concat(e.GetNavigations().Select(n => $"{e.Name}.{n.Name} -> {n.TargetEntityType.Name}")))
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static string Columns(IEnumerable<IProperty> properties) => string.Join(",", properties.Select(p => p.Name));
}
