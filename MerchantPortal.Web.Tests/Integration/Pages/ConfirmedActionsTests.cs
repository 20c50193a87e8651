using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>
/// Every button that deletes, revokes, removes, suspends, disables, turns off or replaces something asks first: its
/// form sits inside a <c>&lt;details class="confirm"&gt;</c> (Pages/Shared/_Confirm.cshtml), a second click that works
/// without JavaScript. The walk covers each page with such a button, set up so the button shows.
/// </summary>
public abstract partial class ConfirmedActionsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task NoDestructiveButtonOnAMerchantsPagesPostsWithoutConfirmation()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var http = merchant.Api.Http;
        await merchant.AddAccountAsync("till", "5123456");
        (await PageForms.PostOwnFormAsync(http, "/PaymentAccounts/Credentials/1", ("Input.StoreNumber", "5123450"))).Dispose();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Sukuma"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        (await merchant.Api.PostAsync("save_webhook", ("url", "https://example.com/hook"))).AssertOk();
        await merchant.GenerateKeyAsync();
        var setup = await http.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = Regex.Match(setup, "secret=([A-Z2-7]+)").Groups[1].Value;
        (await FormPage.PostAsync(http, "/Identity/Account/Manage/EnableAuthenticator", ("Code", Totp.Code(key, DateTimeOffset.UtcNow)))).Dispose();

        var found = new List<string>();
        foreach (var path in new[]
        {
            "/PaymentAccounts", "/PaymentAccounts/Credentials/1", $"/PaymentLinks/Details/{lid}", "/Webhooks", "/ApiKeys",
            "/Settings/Business", "/Identity/Account/Manage/TwoFactor", "/Billing", "/Dashboard",
        })
        {
            found.AddRange(await UnconfirmedOrListAsync(http, path));
        }

        Assert.Superset(new HashSet<string>
        {
            "/PaymentAccounts?handler=Delete", "/PaymentAccounts/Credentials/1?handler=Remove", $"/PaymentLinks/Details/{lid}?handler=SetActive",
            $"/PaymentLinks/Details/{lid}?handler=Delete", "/Webhooks?handler=Switch", "/Webhooks?handler=Delete", "/Webhooks?handler=RollCallbackSecret",
            "/ApiKeys?handler=Revoke", "/Identity/Account/Manage/TwoFactor?handler=Disable", "/Identity/Account/Manage/TwoFactor?handler=RecoveryCodes",
        }, found.ToHashSet());
    }

    [Fact]
    public async Task NoDestructiveButtonOnTheAdminPagesPostsWithoutConfirmation()
    {
        var admin = await TestAdmin.CreateAsync(app);
        var merchant = await TestMerchant.RegisterAsync(app);
        var name = "Weekly " + Guid.NewGuid().ToString("N")[..6];
        (await FormPage.PostAsync(admin.Api.Http, "/Admin/Plans", ("Input.Name", name), ("Input.Price", "100"), ("Input.PeriodDays", "7"), ("Input.Active", "true"))).Dispose();
        var plan = await app.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Name == name));

        var found = new List<string>();
        foreach (var path in new[] { TestAdmin.DetailsOf(merchant), "/Admin/Plans/Edit/" + plan.PublicId, "/Admin/Plans", "/Admin/Admins" })
        {
            found.AddRange(await UnconfirmedOrListAsync(admin.Api.Http, path));
        }

        Assert.Superset(new HashSet<string>
        {
            TestAdmin.DetailsOf(merchant) + "?handler=Suspend", $"/Admin/Plans/Edit/{plan.PublicId}?handler=MakeDefault", "/Admin/Admins?button=Make administrator",
        },
            found.ToHashSet());
    }

    /// <summary>
    /// The page's destructive forms (path and handler), after asserting each is inside an open-able confirm; a
    /// destructive form is one whose handler deletes, revokes, removes, suspends, disables, replaces or makes
    /// default, that switches something off (<c>on=false</c>, <c>active=false</c>), or that makes an administrator.
    /// </summary>
    private static async Task<IEnumerable<string>> UnconfirmedOrListAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        var page = await response.Content.ReadAsStringAsync();
        var destructive = new List<string>();
        foreach (Match form in PostForms().Matches(page))
        {
            var action = WebUtility.HtmlDecode(form.Groups["action"].Value);
            var isOff = Regex.IsMatch(action, "[?&](on|active)=false", RegexOptions.IgnoreCase)
                || Regex.IsMatch(form.Value, "name=\"(on|active)\" value=\"false\"", RegexOptions.IgnoreCase);
            var handler = Regex.Match(action, "[?&]handler=(\\w+)").Groups[1].Value;
            var grants = form.Value.Contains(">Make administrator</button>", StringComparison.Ordinal);
            if (!isOff && !grants && !Destructive().IsMatch(handler))
            {
                continue;
            }

            var opened = page.LastIndexOf("<details class=\"confirm\"", form.Index, StringComparison.Ordinal);
            var closed = opened < 0 ? -1 : page.IndexOf("</details>", opened, StringComparison.Ordinal);
            Assert.True(opened >= 0 && closed > form.Index, $"{path}: the form to {action} posts without asking first.");
            destructive.Add(grants ? $"{path}?button=Make administrator" : $"{action.Split('?')[0]}?handler={handler}");
        }

        return destructive;
    }

    [GeneratedRegex("^(Delete|Revoke|Remove\\w*|Suspend|Disable|Roll\\w*|RecoveryCodes|MakeDefault)$")]
    private static partial Regex Destructive();

    [GeneratedRegex("<form\\b(?=[^>]*method=\"post\")(?:[^>]*\\baction=\"(?<action>[^\"]*)\")?[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForms();
}

public sealed class SqliteConfirmedActionsTests(SqliteApp app) : ConfirmedActionsTests<SqliteApp>(app);

public sealed class PostgresConfirmedActionsTests(PostgresApp app) : ConfirmedActionsTests<PostgresApp>(app);
