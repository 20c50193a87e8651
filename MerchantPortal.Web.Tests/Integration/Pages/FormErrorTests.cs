using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>
/// A form sent back with errors shows all of them at once, each beside its field in plain words naming the field,
/// with the input marked invalid, described by its error, and the first one focused (no JavaScript needed).
/// </summary>
public abstract partial class FormErrorTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task APaymentAccountFormShowsEveryErrorInPlainWordsBesideItsField()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Create",
            ("Input.Type", "bank"), ("Input.Number", "12"), ("Input.AccountReference", "<b>far too long</b>"));
        var page = await posted.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        AssertFieldError(page, "Input.Type", "Choose Paybill or Till (Buy Goods).");
        AssertFieldError(page, "Input.Number", "Enter your paybill or till number: 5 to 7 digits.");
        AssertFieldError(page, "Input.AccountReference", "Enter an account reference of at most 12 letters, digits, spaces or . _ # -, or leave it empty.");
        Assert.DoesNotContain("accountReference must", page);
        Assert.DoesNotContain("<b>far", page);
        AssertInvalid(page, "Input_Number", describedBy: "Input_Number-field-error number-help");
        AssertFocusedFirst(page, "Input_Type");
    }

    [Fact]
    public async Task ARegistrationFormShowsEveryErrorInPlainWordsAndFocusesTheFirst()
    {
        using var http = app.NewClient();

        using var posted = await FormPage.PostAsync(http, "/Identity/Account/Register",
            ("Username", "a"), ("Email", "not-an-email"), ("Password", "123"), ("Phone", "12345"));
        var page = await posted.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        AssertFieldError(page, "Username", "Choose a username of 3 to 32 letters, digits, _ . or -.");
        AssertFieldError(page, "Email", "Enter your email address, such as name@example.com.");
        AssertFieldError(page, "Password", "Choose a password of 6 to 128 characters.");
        AssertFieldError(page, "Phone", "Enter a Kenyan mobile number, such as 0712 345 678.");
        AssertInvalid(page, "Email", describedBy: "Email-field-error");
        AssertFocusedFirst(page, "Username");
    }

    [Fact]
    public async Task ABlankSignInNamesBothFields()
    {
        using var http = app.NewClient();

        using var posted = await FormPage.PostAsync(http, "/Identity/Account/Login", ("Login", ""), ("Password", ""));
        var page = await posted.Content.ReadAsStringAsync();

        AssertFieldError(page, "Login", "Enter your username or email address.");
        AssertFieldError(page, "Password", "Enter your password.");
        AssertFocusedFirst(page, "Login");
    }

    [Fact]
    public async Task APaymentLinkFormShowsEveryErrorInPlainWords()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentLinks/Create",
            ("Input.Title", ""), ("Input.AmountKind", "fixed"), ("Input.Amount", "12.50"), ("Input.Logo", "javascript:alert(1)"));
        var page = await posted.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        AssertFieldError(page, "Input.Title", "Enter a title: what the customer pays for.");
        AssertFieldError(page, "Input.Amount", "The amount must be a whole number of shillings: M-Pesa does not take cents.");
        AssertFieldError(page, "Input.Logo", "Enter the address of the logo, starting with https://, or leave it empty.");
        AssertFocusedFirst(page, "Input_Title");
    }

    [Fact]
    public async Task TheBusinessProfileFormShowsEveryErrorInPlainWords()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/Settings/Business",
            ("Input.BusinessName", "x"), ("Input.SupportPhone", "call me"), ("Input.SupportEmail", "nobody"));
        var page = await posted.Content.ReadAsStringAsync();

        AssertFieldError(page, "Input.BusinessName", "Enter a business name of 2 to 80 characters, or leave it empty to use your username.");
        AssertFieldError(page, "Input.SupportPhone", "Enter a support phone number such as 0712 345 678, or leave it empty.");
        AssertFieldError(page, "Input.SupportEmail", "Enter a support email address such as help@example.com, or leave it empty.");
        AssertFocusedFirst(page, "Input_BusinessName");
    }

    [Fact]
    public async Task AFormShownWithoutErrorsMarksNothingInvalidAndTakesNoFocus()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/PaymentAccounts/Create");

        Assert.DoesNotContain("aria-invalid", page);
        Assert.DoesNotContain("autofocus", page);
        Assert.Contains("id=\"Input_Number-field-error\"", page);
    }

    private static void AssertFieldError(string page, string field, string message) =>
        Assert.Matches($"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>{Regex.Escape(message)}</span>", page);

    private static void AssertInvalid(string page, string id, string describedBy)
    {
        var input = Tag(page, id);
        Assert.Contains("aria-invalid=\"true\"", input);
        Assert.Contains($"aria-describedby=\"{describedBy}\"", input);
        Assert.Contains($"id=\"{describedBy.Split(' ')[0]}\"", page);
    }

    /// <summary>The first invalid field, and only it, carries autofocus.</summary>
    private static void AssertFocusedFirst(string page, string id)
    {
        Assert.Contains("autofocus", Tag(page, id));
        Assert.Single(Autofocus().Matches(page));
        Assert.Contains("aria-invalid=\"true\"", Tag(page, id));
    }

    private static string Tag(string page, string id)
    {
        var match = Regex.Match(page, $"<(?:input|select|textarea)\\b[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>");
        Assert.True(match.Success, $"No input with id {id}.");
        return match.Value;
    }

    [GeneratedRegex("\\sautofocus[\\s=>]")]
    private static partial Regex Autofocus();
}

public sealed class SqliteFormErrorTests(SqliteApp app) : FormErrorTests<SqliteApp>(app);

public sealed class PostgresFormErrorTests(PostgresApp app) : FormErrorTests<PostgresApp>(app);
