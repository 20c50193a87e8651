using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Integration.Pages;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Onboarding;

/// <summary>The simulator with a merchant's own Daraja app (so credentials can be connected) and a low per-phone push limit.</summary>
public class OnboardingApp(DatabaseProvider provider) : CredentialsApp(provider)
{
    public const int PushesPerPhone = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        // Counted per merchant for the shared test number, so parallel tests do not share it.
        ["RateLimits:PayLinkPerPhonePerMinute"] = PushesPerPhone.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class SqliteOnboardingApp() : OnboardingApp(DatabaseProvider.Sqlite);

public sealed class PostgresOnboardingApp() : OnboardingApp(DatabaseProvider.Postgres);

public abstract partial class OnboardingChecklistTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : OnboardingApp
{
    private static readonly (string, string)[] OwnApp =
        [("Input.ConsumerKey", CredentialsApp.Key), ("Input.ConsumerSecret", CredentialsApp.Secret), ("Input.Passkey", CredentialsApp.Passkey)];

    [Fact]
    public async Task ANewMerchantSeesAllFourStepsToDoWithTheFirstOneLinked()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/Dashboard");

        Assert.Contains("0 of 4 done", page);
        Assert.Equal(["todo", "todo", "todo", "todo"], Steps(page).Values);
        Assert.Contains("href=\"/PaymentAccounts/Create\"", page);
        Assert.DoesNotContain("handler=TestPayment", page);
    }

    [Fact]
    public async Task AddingATillTicksTheFirstStepOnly()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("till", "654321");

        var steps = Steps(await merchant.Api.Http.GetStringAsync("/Dashboard"));

        Assert.Equal("done", steps["account"]);
        Assert.Equal("todo", steps["link"]);
        Assert.Equal("todo", steps["payment"]);
    }

    [Fact]
    public async Task CreatingALinkTicksTheSecondStepAndOffersTheTestPayment()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("create_link", ("title", "Mandazi"), ("amount", "150"))).AssertOk();

        var page = await merchant.Api.Http.GetStringAsync("/Dashboard");

        Assert.Equal("done", Steps(page)["link"]);
        Assert.Contains("Pay my link from a test number", page);
        Assert.Contains("2 of 4 done", page);
    }

    [Fact]
    public async Task TheTestPaymentButtonPaysTheMerchantsOwnLinkFromTheTestNumberAndTicksTheThirdStep()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Mandazi"), ("amount", "150"))).AssertOk()
            .Data.GetProperty("link_id").GetString()!;

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/Dashboard", "handler=TestPayment");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = posted.Headers.Location!.OriginalString["/Transactions/Details/".Length..];
        var paid = await merchant.WaitForFinalAsync(id);
        Assert.Equal("succeeded", paid.GetProperty("status").GetString());
        Assert.Equal(150, paid.GetProperty("amount").GetInt64());
        Assert.Equal(lid, paid.GetProperty("link_id").GetString());
        Assert.Equal("254708000000", paid.GetProperty("phone").GetString());
        var details = await merchant.Api.Http.GetStringAsync("/Transactions/Details/" + id);
        Assert.Contains("Test number", details);
        Assert.Equal("done", Steps(await merchant.Api.Http.GetStringAsync("/Dashboard"))["payment"]);
    }

    [Fact]
    public async Task AFlexibleLinkIsTestPaidAtItsMinimum()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("create_link", ("title", "Fees"), ("min", "40"), ("max", "900"))).AssertOk();

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/Dashboard", "handler=TestPayment");

        var paid = await merchant.WaitForFinalAsync(posted.Headers.Location!.OriginalString["/Transactions/Details/".Length..]);
        Assert.Equal(40, paid.GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task TheTestPaymentIsRefusedWithoutAnAntiforgeryToken()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("create_link", ("title", "Mandazi"), ("amount", "150"))).AssertOk();

        using var forged = await merchant.Api.Http.PostAsync("/Dashboard?handler=TestPayment", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Transactions.AnyAsync(t => db.Users.Any(u => u.Id == t.MerchantId && u.PublicId == merchant.PublicId))));
    }

    [Fact]
    public async Task TheTestPaymentKeepsThePayPagesRateLimit()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("create_link", ("title", "Mandazi"), ("amount", "150"))).AssertOk();

        // Once paid, the step (and its button) is done; a second press is still a form post with a valid token. Each
        // push waits for its answer, which takes seconds on a loaded machine: all of them fall in one minute's window.
        await RateWindow.StartWithSecondsLeftAsync(40);
        for (var i = 0; i < OnboardingApp.PushesPerPhone; i++)
        {
            using var posted = await PageForms.PostWithTokenFromAsync(merchant.Api.Http, "/Dashboard", "/Dashboard?handler=TestPayment");
            await merchant.WaitForFinalAsync(posted.Headers.Location!.OriginalString["/Transactions/Details/".Length..]);
        }

        using var refused = await PageForms.PostWithTokenFromAsync(merchant.Api.Http, "/Dashboard", "/Dashboard?handler=TestPayment");

        Assert.Equal("/Dashboard", refused.Headers.Location!.OriginalString);
        Assert.Contains("Too many payment attempts", WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Dashboard")));
    }

    [Fact]
    public async Task ConnectingDarajaCredentialsTicksTheLastStepAndTheFinishedChecklistGoesAway()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", CredentialsApp.OwnPaybill);
        (await merchant.Api.PostAsync("create_link", ("title", "Mandazi"), ("amount", "150"))).AssertOk();
        using (var saved = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", OwnApp))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await merchant.Api.Http.GetStringAsync("/Dashboard");
        Assert.Equal("done", Steps(page)["daraja"]);
        Assert.Equal("todo", Steps(page)["payment"]);

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/Dashboard", "handler=TestPayment");
        await merchant.WaitForFinalAsync(posted.Headers.Location!.OriginalString["/Transactions/Details/".Length..]);

        Assert.DoesNotContain("Get ready to take payments", await merchant.Api.Http.GetStringAsync("/Dashboard"));
    }

    /// <summary>Each step's state as the page shows it (data-step → done/todo).</summary>
    private static Dictionary<string, string> Steps(string page) =>
        StepPattern().Matches(page).ToDictionary(m => m.Groups["step"].Value, m => m.Groups["state"].Value);

    [GeneratedRegex("<li class=\"(?<state>done|todo)\" data-step=\"(?<step>[a-z]+)\"")]
    private static partial Regex StepPattern();
}

public sealed class SqliteOnboardingChecklistTests(SqliteOnboardingApp app) : OnboardingChecklistTests<SqliteOnboardingApp>(app);

public sealed class PostgresOnboardingChecklistTests(PostgresOnboardingApp app) : OnboardingChecklistTests<PostgresOnboardingApp>(app);
