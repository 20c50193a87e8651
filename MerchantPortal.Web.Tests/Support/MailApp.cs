namespace MerchantPortal.Web.Tests.Support;

/// <summary>An app whose emails a test reads: every <see cref="PortalApp"/> has its own pickup folder.</summary>
public class MailApp(DatabaseProvider provider) : PortalApp(provider);

public sealed class SqliteMailApp() : MailApp(DatabaseProvider.Sqlite);

public sealed class PostgresMailApp() : MailApp(DatabaseProvider.Postgres);
