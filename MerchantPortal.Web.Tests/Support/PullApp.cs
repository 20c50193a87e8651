namespace MerchantPortal.Web.Tests.Support;

/// <summary>The portal whose simulator lists Pull Transactions two rows a page, so that a few payments need paging.</summary>
public class PullApp(DatabaseProvider provider) : PortalApp(provider)
{
    public const int PageSize = 2;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:PullPageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class SqlitePullApp() : PullApp(DatabaseProvider.Sqlite);

public sealed class PostgresPullApp() : PullApp(DatabaseProvider.Postgres);
