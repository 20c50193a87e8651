using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.C2B;
using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.C2B;

/// <summary>
/// Pull Transactions recovers payments from the M-Pesa menu whose confirmation never came: switched on from the
/// account page with the nominated number, "Check M-Pesa now", and the worker's pass, against the simulator (which
/// never confirms a payment from 0708000005 and lists <see cref="PullApp.PageSize"/> rows a page).
/// </summary>
public abstract partial class PullTransactionsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PullApp
{
    private const string Nominated = "0722000000";

    [Fact]
    public async Task AnUnconfirmedMenuPaymentIsAddedOnceByCheckMpesaNow()
    {
        var (merchant, paymentId) = await AccountAsync();
        var receipt = await PayFromMenuAsync(merchant, paymentId, SimulatorPhones.NoCallback);
        await Task.Delay(700, TestContext.Current.CancellationToken);
        Assert.Empty(await RowsAsync(receipt));

        await EnableAsync(merchant, paymentId);
        Assert.Contains("data-pull-registration=\"ok\"", await merchant.Api.Http.GetStringAsync(EditPath(paymentId)));
        var first = await CheckNowAsync(merchant, paymentId);
        var second = await CheckNowAsync(merchant, paymentId);

        Assert.Equal((1, 1), first);
        Assert.Equal((1, 0), second);
        var row = Assert.Single(await RowsAsync(receipt));
        Assert.Equal((TransactionChannels.C2B, C2BSources.Pull, TransactionStatuses.Succeeded), (row.Channel, row.Source, row.Status));
        Assert.Contains("M-Pesa last checked up to", await merchant.Api.Http.GetStringAsync(EditPath(paymentId)));
    }

    [Fact]
    public async Task APaymentWhoseConfirmationArrivedIsNotAddedAgain()
    {
        var (merchant, paymentId) = await AccountAsync();
        var receipt = await PayFromMenuAsync(merchant, paymentId, TestPhones.Random());
        await EventuallyAsync(async () => (await RowsAsync(receipt)).Count == 1);

        await EnableAsync(merchant, paymentId);
        var found = await CheckNowAsync(merchant, paymentId);

        Assert.Equal((1, 0), found);
        Assert.Equal(C2BSources.Confirmation, Assert.Single(await RowsAsync(receipt)).Source);
    }

    [Fact]
    public async Task MoreRowsThanAPageAreAllRecovered()
    {
        var (merchant, paymentId) = await AccountAsync();
        var receipts = new List<string>();
        for (var i = 0; i < (PullApp.PageSize * 2) + 1; i++)
        {
            receipts.Add(await PayFromMenuAsync(merchant, paymentId, SimulatorPhones.NoCallback, 10 + i));
        }

        await EnableAsync(merchant, paymentId);
        var found = await CheckNowAsync(merchant, paymentId);

        Assert.Equal((receipts.Count, receipts.Count), found);
        foreach (var receipt in receipts)
        {
            Assert.Equal(C2BSources.Pull, Assert.Single(await RowsAsync(receipt)).Source);
        }
    }

    [Fact]
    public async Task TheWorkersPassPullsOnlyAccountsWithPullSwitchedOn()
    {
        var (merchant, on) = await AccountAsync();
        var off = await merchant.AddAccountAsync();
        await EnableAsync(merchant, on);
        var pulled = await PayFromMenuAsync(merchant, on, SimulatorPhones.NoCallback);
        var notPulled = await PayFromMenuAsync(merchant, off, SimulatorPhones.NoCallback);

        var accounts = await app.Services.GetRequiredService<PullTransactionsWorker>().PullAllAsync(TestContext.Current.CancellationToken);

        Assert.True(accounts >= 1);
        Assert.Equal(C2BSources.Pull, Assert.Single(await RowsAsync(pulled)).Source);
        Assert.Empty(await RowsAsync(notPulled));
    }

    [Fact]
    public async Task AnotherMerchantCannotSwitchOnOrCheckAnAccountNotTheirs()
    {
        var (owner, paymentId) = await AccountAsync();
        var other = await TestMerchant.RegisterAsync(app);
        var target = $"/PaymentAccounts/Pull/{Route(paymentId)}";

        using var enable = await PageForms.PostWithTokenFromAsync(other.Api.Http, "/PaymentAccounts", target + "?handler=Enable", ("nominatedNumber", Nominated));
        using var check = await PageForms.PostWithTokenFromAsync(other.Api.Http, "/PaymentAccounts", target + "?handler=Check");
        using var view = await other.Api.Http.GetAsync(target);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (enable.StatusCode, check.StatusCode, view.StatusCode));
        var sequence = Route(paymentId);
        Assert.False(await app.WithDbAsync(db => db.PaymentAccounts.AnyAsync(a => a.Sequence == sequence && a.PullEnabled
            && db.Users.Any(u => u.Id == a.MerchantId && u.PublicId == owner.PublicId))));
    }

    [Fact]
    public async Task TheFormShowsAnErrorForABadNominatedNumberAndSavesNothing()
    {
        var (merchant, paymentId) = await AccountAsync();

        using var posted = await PageForms.PostAsync(merchant.Api.Http, EditPath(paymentId), "handler=Enable", ("nominatedNumber", "12345"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains("Enter the phone number on your shortcode's M-Pesa registration", page);
        Assert.Contains("value=\"12345\"", page);
        var sequence = Route(paymentId);
        Assert.False(await app.WithDbAsync(db => db.PaymentAccounts.AnyAsync(a => a.Sequence == sequence && a.PullRegisteredAt != null
            && db.Users.Any(u => u.Id == a.MerchantId && u.PublicId == merchant.PublicId))));
    }

    private async Task<(TestMerchant Merchant, string PaymentId)> AccountAsync()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        return (merchant, await merchant.AddAccountAsync());
    }

    private static int Route(string paymentId) => int.Parse(paymentId.TrimStart('#'), CultureInfo.InvariantCulture);

    private static string EditPath(string paymentId) => $"/PaymentAccounts/Edit/{Route(paymentId)}";

    private static async Task<string> PayFromMenuAsync(TestMerchant merchant, string paymentId, string phone, int amount = 75) =>
        (await merchant.Api.PostAsync("simulate_c2b", ("phone", phone), ("amount", amount.ToString(CultureInfo.InvariantCulture)),
            ("payment_id", paymentId), ("bill_ref", "PULL"))).AssertOk().Data.GetProperty("receipt").GetString()!;

    private static async Task EnableAsync(TestMerchant merchant, string paymentId)
    {
        using var posted = await PageForms.PostAsync(merchant.Api.Http, EditPath(paymentId), "handler=Enable", ("nominatedNumber", Nominated));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
    }

    /// <summary>"Check M-Pesa now", then what the account page says it found.</summary>
    private static async Task<(int Found, int Added)> CheckNowAsync(TestMerchant merchant, string paymentId)
    {
        using var posted = await PageForms.PostAsync(merchant.Api.Http, EditPath(paymentId), "handler=Check");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var match = Found().Match(await merchant.Api.Http.GetStringAsync(EditPath(paymentId)));
        Assert.True(match.Success, "The account page does not say what Check M-Pesa now found.");
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private Task<List<PaymentTransaction>> RowsAsync(string receipt) =>
        app.WithDbAsync(db => db.Transactions.AsNoTracking().Where(t => t.Receipt == receipt).ToListAsync());

    private static async Task EventuallyAsync(Func<Task<bool>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await probe())
        {
            Assert.True(DateTime.UtcNow < deadline, "The menu payment's confirmation was never recorded.");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("data-pull-found=\"(\\d+)\" data-pull-added=\"(\\d+)\"")]
    private static partial Regex Found();
}

public sealed class SqlitePullTransactionsTests(SqlitePullApp app) : PullTransactionsTests<SqlitePullApp>(app);

public sealed class PostgresPullTransactionsTests(PostgresPullApp app) : PullTransactionsTests<PostgresPullApp>(app);
