using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class DashboardPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ANewMerchantIsToldTheNextStep()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/Dashboard");

        Assert.Contains("Add your till or paybill", page);
        Assert.Contains("/PaymentAccounts/Create", page);
        Assert.Contains("trial", page);
    }

    [Fact]
    public async Task TheDashboardShowsMoneyCollectedAndTheLatestTransactions()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        foreach (var (phone, amount) in new[] { (TestPhones.Random(), "1200"), (TestPhones.Random(), "50"), ("0708000001", "999") })
        {
            var id = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", amount))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
            await merchant.WaitForFinalAsync(id);
        }

        var page = await merchant.Api.Http.GetStringAsync("/Dashboard");

        Assert.Contains("KES 1,250", page);
        Assert.Contains("67%", page);
        Assert.Contains("Cancelled", page);
        Assert.Equal(30, System.Text.RegularExpressions.Regex.Matches(page, "<rect ").Count);
    }

    [Fact]
    public async Task SignedOutVisitorsAreSentToSignIn()
    {
        using var http = app.NewClient();

        using var response = await http.GetAsync("/Dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.ToString());
    }
}

public sealed class SqliteDashboardPageTests(SqliteApp app) : DashboardPageTests<SqliteApp>(app);

public sealed class PostgresDashboardPageTests(PostgresApp app) : DashboardPageTests<PostgresApp>(app);
