using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>
/// Forms carry the services' FluentValidation rules for the browser (FluentValidation.AspNetCore's client adapters,
/// on FluentValidation 12) as data-val-* attributes, worded as the pages word errors; the scripts that read them
/// come only with such pages, never with the customer's pay page.
/// </summary>
public abstract class ClientRulesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ThePaymentAccountFormCarriesTheNumberAndReferencePatterns()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/PaymentAccounts/Create");

        Assert.Contains("data-val-regex=\"Enter your paybill or till number: 5 to 7 digits.\"", page);
        Assert.Contains("data-val-regex-pattern=\"^\\s*([0-9]{5,7}\\s*)?$\"", page);
        Assert.Contains("data-val-regex-pattern=\"^[A-Za-z0-9 ._#-]{1,12}$\"", page);
        Assert.Contains("/lib/jquery-validation-unobtrusive/jquery.validate.unobtrusive.min.js", page);
        Assert.Contains("/js/form-errors.js", page);
    }

    [Fact]
    public async Task ThePaymentLinkFormRequiresATitleOfAtMost120Characters()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/PaymentLinks/Create");

        Assert.Contains("data-val-required=\"Enter a title: what the customer pays for.\"", page);
        Assert.Contains("data-val-maxlength=\"Enter a title of at most 120 characters.\"", page);
        Assert.Contains("data-val-maxlength-max=\"120\"", page);
    }

    [Fact]
    public async Task TheRegistrationAndSignInFormsCarryTheirRules()
    {
        using var http = app.NewClient();

        var register = await http.GetStringAsync("/Identity/Account/Register");
        var signIn = await http.GetStringAsync("/Identity/Account/Login");

        Assert.Contains("data-val-required=\"Choose a username of 3 to 32 letters, digits, _ . or -.\"", register);
        Assert.Contains("data-val-regex-pattern=\"^[A-Za-z0-9_.-]{3,32}$\"", register);
        Assert.Contains("data-val-minlength-min=\"6\"", register);
        Assert.Contains("data-val-required=\"Enter your username or email address.\"", signIn);
        Assert.Contains("data-val-required=\"Enter your password.\"", signIn);
    }

    [Fact]
    public async Task TheBusinessFormChecksTheSupportEmail()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/Settings/Business");

        Assert.Contains("data-val-regex=\"Enter a support email address such as help@example.com, or leave it empty.\"", page);
    }

    [Fact]
    public async Task ThePasswordChangeFormAsksForTheSamePasswordTwice()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/Identity/Account/Manage/ChangePassword");

        Assert.Contains("data-val-required=\"Enter your current password.\"", page);
        Assert.Contains("data-val-equalto=\"The two passwords do not match.\"", page);
        Assert.Contains("data-val-equalto-other=\"*.NewPassword\"", page);
    }

    [Fact]
    public async Task ThePayPageLoadsNoValidationScripts()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Sukuma"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        using var customer = app.NewClient();

        var page = await customer.GetStringAsync($"/pay/{lid}");

        Assert.DoesNotContain("/lib/", page);
        Assert.DoesNotContain("data-val-", page);
    }
}

public sealed class SqliteClientRulesTests(SqliteApp app) : ClientRulesTests<SqliteApp>(app);

public sealed class PostgresClientRulesTests(PostgresApp app) : ClientRulesTests<PostgresApp>(app);
