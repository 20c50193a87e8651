using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>Pages say "Paid", "Cancelled", "Timed out"…; the API keeps its documented values.</summary>
public abstract partial class StatusWordsPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task PagesShowStatusWordsWhileTheApiKeepsItsValues()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var outcomes = new Dictionary<string, string>();
        foreach (var phone in new[] { TestPhones.Random(), "0708000001", "0708000004", "0708000002" })
        {
            var id = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "20"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
            outcomes[id] = (await merchant.WaitForFinalAsync(id)).GetProperty("status").GetString()!;
        }

        Assert.Equal(["succeeded", "cancelled", "timeout", "failed"], outcomes.Values);
        var list = await merchant.Api.Http.GetStringAsync("/Transactions");
        var dashboard = await merchant.Api.Http.GetStringAsync("/Dashboard");
        foreach (var word in new[] { "Paid", "Cancelled", "Timed out", "Failed" })
        {
            Assert.Contains($">{word}</span>", list);
            Assert.Contains($">{word}</span>", dashboard);
        }

        Assert.Contains("Cancelled 1 · Failed 1 · Paid 1 · Timed out 1", WebUtility.HtmlDecode(dashboard));
        foreach (var raw in new[] { "succeeded", "cancelled", "timeout" })
        {
            Assert.DoesNotContain($">{raw}<", list);
            Assert.DoesNotContain($">{raw}<", dashboard);
        }
    }

    [Fact]
    public async Task TheStatusFilterOffersTheSameWordsAndFiltersByTheApiValue()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.Status=timeout");

        Assert.Contains("<option value=\"succeeded\">Paid</option>", page);
        Assert.Contains("<option value=\"pending\">Pending</option>", page);
        Assert.Matches("<option (selected=\"selected\" value=\"timeout\"|value=\"timeout\" selected=\"selected\")>Timed out</option>", page);
        Assert.Contains("<option value=\"unknown\">Unknown</option>", page);
    }

    [Fact]
    public async Task ATransactionsPageIsTitledByWhatHappenedAndShowsReferenceReceiptAndSeconds()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync(reference: "SHOP42");
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0712345678"), ("amount", "150"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var paid = await merchant.WaitForFinalAsync(id);

        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Transactions/Details/" + id));

        Assert.Contains("<title>KES 150 from 0712 345 678 · Paid · MerchantPortal</title>", page);
        Assert.Matches("<h1[^>]*>KES 150 from 0712 345 678 · Paid</h1>", page);
        Assert.Contains("<dt>Reference</dt><dd>SHOP42</dd>", page);
        Assert.Contains($"<dd>{paid.GetProperty("receipt").GetString()}</dd>", page);
        var started = DateTimeOffset.FromUnixTimeSeconds(paid.GetProperty("created_at").GetInt64()).ToOffset(TimeSpan.FromHours(3));
        Assert.Contains(started.ToString("d MMM yyyy, HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " EAT", page);
        Assert.Matches(Finished(), page);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page);
    }

    [Fact]
    public async Task APendingTransactionsPageSaysWaitingAndReloadsItselfWithoutScript()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000005"), ("amount", "30"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;

        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Transactions/Details/" + id));

        Assert.Contains("· Pending</h1>", page);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"3\" />", page);
    }

    [GeneratedRegex("<dt>Finished</dt><dd><time datetime=\"[^\"]+\">\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d:\\d\\d EAT</time></dd>")]
    private static partial Regex Finished();
}

public sealed class SqliteStatusWordsPageTests(SqliteApp app) : StatusWordsPageTests<SqliteApp>(app);

public sealed class PostgresStatusWordsPageTests(PostgresApp app) : StatusWordsPageTests<PostgresApp>(app);
