using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.C2B;

/// <summary>
/// simulate_c2b and the dashboard's button make the simulated customer pay from the M-Pesa menu, end to end through
/// the simulator's registerurl, simulate and confirmation (the simulator's C2B side).
/// </summary>
public abstract class C2BSimulateTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ASimulatedMenuPaymentToALinksCodeIsRecordedOnThatLink()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var link = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var code = await app.WithDbAsync(db => db.PaymentLinks.Where(l => l.PublicId == link).Select(l => l.AccountCode).SingleAsync());

        var paid = (await merchant.Api.PostAsync("simulate_c2b", ("phone", TestPhones.Random()), ("amount", "50"), ("bill_ref", code))).AssertOk();

        var receipt = paid.Data.GetProperty("receipt").GetString()!;
        var id = await Eventually(() => MenuPayments.TransactionIdAsync(app, receipt));
        var t = (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction");
        Assert.Equal("c2b", t.GetProperty("channel").GetString());
        Assert.Equal(link, t.GetProperty("link_id").GetString());
    }

    [Fact]
    public async Task TheDashboardButtonPaysThePrimaryAccountFromTheMenu()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        Assert.Contains("Simulate a payment from the M-Pesa menu", await merchant.Api.Http.GetStringAsync("/Dashboard"));

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/Dashboard", "handler=SimulateMenuPayment",
            ("phone", TestPhones.Random()), ("amount", "3456"), ("billRef", "ANY"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await Eventually(async () => WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Dashboard")) is var page && page.Contains("3,456", StringComparison.Ordinal) ? page : null);
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "The menu payment was never recorded.");
            await Task.Delay(100);
        }
    }
}

public sealed class SqliteC2BSimulateTests(SqliteApp app) : C2BSimulateTests<SqliteApp>(app);

public sealed class PostgresC2BSimulateTests(PostgresApp app) : C2BSimulateTests<PostgresApp>(app);
