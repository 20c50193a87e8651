namespace MerchantPortal.Web.Data;

/// <summary>
/// A query compiled with <c>EF.CompileAsyncQuery</c>, once per provider: a compiled query keeps the translation of the
/// first context it ran on, and the tests run SQLite and PostgreSQL portals in one process.
/// </summary>
public sealed class CompiledPerProvider<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly TQuery sqlite = compile();
    private readonly TQuery postgres = compile();

    public TQuery For(PortalDbContext db) => db is SqlitePortalDbContext ? sqlite : postgres;
}
