using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>
/// Every form left blank where it needs an answer, or sent a value no one could type: the page answers with a form
/// error (200) or a 400, never the error page, and writes nothing.
/// </summary>
public abstract class BlankFormFieldTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private static readonly string[] Blanks = ["", "   "];

    public static TheoryData<string> Forms => ["account-create", "account-edit", "link-create", "link-edit", "webhook-add", "credentials", "billing"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task ABlankRequiredFieldIsAFormErrorAndWritesNothing(string form)
    {
        var (merchant, linkId) = await MerchantWithAccountAndLinkAsync();
        var (path, handler, fields, required) = Form(form, linkId);

        foreach (var field in required)
        {
            foreach (var blank in Blanks)
            {
                var before = await WrittenAsync(merchant);
                using var posted = await PostAsync(merchant, path, handler, fields.Select(f => f.Name == field ? (f.Name, blank) : f).ToArray());
                var page = await posted.Content.ReadAsStringAsync();

                Assert.True(posted.StatusCode == HttpStatusCode.OK, $"{form} with {field} '{blank}': {(int)posted.StatusCode}");
                Assert.Matches($"data-valmsg-for=\"{field}\"[^>]*>[^<]+<|class=\"errors\"[^>]*>\\s*<ul>\\s*<li>[^<]+", page);
                Assert.Equal(before, await WrittenAsync(merchant));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task AControlCharacterInAnyFieldIsRefusedAndWritesNothing(string form)
    {
        var (merchant, linkId) = await MerchantWithAccountAndLinkAsync();
        var (path, handler, fields, _) = Form(form, linkId);

        foreach (var (name, value) in fields)
        {
            var before = await WrittenAsync(merchant);
            using var posted = await PostAsync(merchant, path, handler, fields.Select(f => f.Name == name ? (f.Name, value + "\0x") : f).ToArray());

            Assert.True((int)posted.StatusCode is 200 or 400, $"{form} with a NUL in {name}: {(int)posted.StatusCode}");
            Assert.Equal(before, await WrittenAsync(merchant));
        }
    }

    public static TheoryData<string> AccountForms => ["register", "login", "forgot-password", "change-password"];

    [Theory]
    [MemberData(nameof(AccountForms))]
    public async Task ABlankRequiredFieldOnAnAccountFormIsAFormErrorAndChangesNothing(string form)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var fresh = "b" + Guid.NewGuid().ToString("N")[..12];
        var (path, fields) = form switch
        {
            "register" => ("/Identity/Account/Register",
                new[] { ("Username", fresh), ("Email", fresh + "@example.com"), ("Password", "secret1") }),
            "login" => ("/Identity/Account/Login", [("Login", merchant.Username), ("Password", merchant.Password)]),
            "forgot-password" => ("/Identity/Account/ForgotPassword", [("Email", merchant.Email)]),
            _ => ("/Identity/Account/Manage/ChangePassword",
                [("CurrentPassword", merchant.Password), ("NewPassword", "secret2"), ("ConfirmPassword", "secret2")]),
        };

        foreach (var field in fields.Select(f => f.Item1))
        {
            foreach (var blank in Blanks)
            {
                using var anonymous = app.NewClient();
                var http = form == "change-password" ? merchant.Api.Http : anonymous;
                using var posted = await FormPage.PostAsync(http, path, fields.Select(f => f.Item1 == field ? (f.Item1, blank) : f).ToArray());
                var page = await posted.Content.ReadAsStringAsync();

                Assert.True(posted.StatusCode == HttpStatusCode.OK, $"{form} with {field} '{blank}': {(int)posted.StatusCode}");
                Assert.Matches($"data-valmsg-for=\"{field}\"[^>]*>[^<]+<|class=\"errors\"[^>]*>\\s*<ul>\\s*<li>[^<]+", page);
            }
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == fresh)));
        (await app.NewApi().PostAsync("login", ("user", merchant.Username), ("password", merchant.Password))).AssertOk();
    }

    private static (string Path, string? Handler, (string Name, string Value)[] Fields, string[] Required) Form(string form, string linkId) => form switch
    {
        "account-create" => ("/PaymentAccounts/Create", null,
            [("Input.Type", "till"), ("Input.Number", "5123456"), ("Input.AccountReference", "Counter")], ["Input.Type", "Input.Number"]),
        "account-edit" => ("/PaymentAccounts/Edit/1", null,
            [("Input.Type", "till"), ("Input.Number", "5123456"), ("Input.AccountReference", "Counter")], ["Input.Type", "Input.Number"]),
        "link-create" => ("/PaymentLinks/Create", null, [("Input.Title", "Blank test"), ("Input.Amount", "50")], ["Input.Title"]),
        "link-edit" => ($"/PaymentLinks/Edit/{linkId}", null, [("Input.Title", "Blank test"), ("Input.Amount", "50")], ["Input.Title"]),
        "webhook-add" => ("/Webhooks", "handler=Add", [("EndpointUrl", "https://example.com/hook")], ["EndpointUrl"]),
        "credentials" => ("/PaymentAccounts/Credentials/1", null,
            [("Input.ConsumerKey", "key-12345"), ("Input.ConsumerSecret", "secret-12345"), ("Input.Passkey", "passkey-12345"), ("Input.StoreNumber", "123456")],
            ["Input.ConsumerKey", "Input.ConsumerSecret", "Input.Passkey"]),
        _ => ("/Billing", null, [("Phone", "0712345678")], ["Phone"]),
    };

    private static Task<HttpResponseMessage> PostAsync(TestMerchant merchant, string path, string? handler, (string Name, string Value)[] fields) =>
        handler is null
            ? PageForms.PostOwnFormAsync(merchant.Api.Http, path, fields)
            : FormPage.PostFormAsync(merchant.Api.Http, path, handler, fields);

    private async Task<(TestMerchant, string)> MerchantWithAccountAndLinkAsync()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456", "Before");
        var link = (await merchant.Api.PostAsync("create_link", ("title", "Before"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        return (merchant, link);
    }

    /// <summary>Everything the forms could write for this merchant, as one comparable text.</summary>
    private Task<string> WrittenAsync(TestMerchant merchant) => app.WithDbAsync(async db =>
    {
        var id = await db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.Id).SingleAsync();
        var accounts = await db.PaymentAccounts.Where(a => a.MerchantId == id).OrderBy(a => a.Id)
            .Select(a => a.Type + " " + a.Number + " " + a.AccountReference + " " + a.ConsumerKey + " " + a.StoreNumber).ToListAsync();
        var links = await db.PaymentLinks.Where(l => l.MerchantId == id).OrderBy(l => l.Id).Select(l => l.Title + " " + l.Amount).ToListAsync();
        var webhooks = await db.WebhookEndpoints.CountAsync(w => w.MerchantId == id);
        var transactions = await db.Transactions.CountAsync(t => t.MerchantId == id);
        return string.Join(" | ", accounts.Concat(links).Append($"{webhooks} webhooks, {transactions} transactions"));
    });
}

public sealed class SqliteBlankFormFieldTests(SqliteApp app) : BlankFormFieldTests<SqliteApp>(app);

public sealed class PostgresBlankFormFieldTests(PostgresApp app) : BlankFormFieldTests<PostgresApp>(app);
