using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>Creating and editing a link: a fixed amount or one the customer enters, amounts as people type them.</summary>
public abstract class LinkAmountFormTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Theory]
    [InlineData("1500", 1500)]
    [InlineData("1,500", 1500)]
    [InlineData("KES 1,500", 1500)]
    [InlineData("Ksh 1500", 1500)]
    [InlineData("  kes1,500  ", 1500)]
    [InlineData("Sh. 250,000", 250000)]
    [InlineData("1,500/=", 1500)]
    [InlineData("1,500.00", 1500)]
    public async Task AFixedAmountIsReadAsPeopleTypeIt(string typed, long expected)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await CreateAsync(merchant, ("Input.Title", "Sukuma"), ("Input.AmountKind", "fixed"), ("Input.Amount", typed));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var link = Assert.Single(await LinksAsync(merchant));
        Assert.Equal((expected, (long?)null, (long?)null), (link.Amount!.Value, link.MinAmount, link.MaxAmount));
    }

    [Theory]
    [InlineData("1,500.50", "The amount must be a whole number of shillings: M-Pesa does not take cents.")]
    [InlineData("KES 12.5", "The amount must be a whole number of shillings: M-Pesa does not take cents.")]
    [InlineData("0", "The amount must be at least KES 1.")]
    [InlineData("-1,500", "The amount must be at least KES 1.")]
    [InlineData("KES 250,001", "The amount must be at most KES 250,000, M-Pesa's limit for one payment.")]
    [InlineData("1,50", "The amount must be a whole number of shillings written in digits, such as 1500.")]
    [InlineData("", "Enter the amount in whole shillings, such as 1,500.")]
    [InlineData("USD 15", "The amount must be a whole number of shillings written in digits, such as 1500.")]
    public async Task ARefusedFixedAmountIsExplainedBesideItsFieldAndNothingIsWritten(string typed, string message)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await CreateAsync(merchant, ("Input.Title", "Sukuma"), ("Input.AmountKind", "fixed"), ("Input.Amount", typed));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(message, FieldError(WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), "Input.Amount"));
        Assert.Empty(await LinksAsync(merchant));
    }

    [Fact]
    public async Task EveryRefusedFieldIsShownAtOnceAndTheChoiceAndTextStay()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await CreateAsync(merchant, ("Input.Title", ""), ("Input.AmountKind", "customer"),
            ("Input.Min", "KES 10.50"), ("Input.Max", "KES 300,000"));

        var page = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Equal("Enter a title: what the customer pays for.", FieldError(page, "Input.Title"));
        Assert.Equal("The minimum must be a whole number of shillings: M-Pesa does not take cents.", FieldError(page, "Input.Min"));
        Assert.Equal("The maximum must be at most KES 250,000, M-Pesa's limit for one payment.", FieldError(page, "Input.Max"));
        Assert.Matches("<input type=\"radio\" id=\"amount-kind-range\" name=\"Input.AmountKind\" value=\"customer\" checked=\"checked\"", page);
        Assert.Contains("value=\"KES 10.50\"", page);
        Assert.Empty(await LinksAsync(merchant));
    }

    [Fact]
    public async Task ACustomerAmountLinkIgnoresAFixedAmountLeftInTheHiddenField()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await CreateAsync(merchant, ("Input.Title", "Harambee"), ("Input.AmountKind", "customer"),
            ("Input.Amount", "not a number"), ("Input.Min", "Ksh 100"), ("Input.Max", "5,000"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var link = Assert.Single(await LinksAsync(merchant));
        Assert.Equal(((long?)null, 100L, 5000L), (link.Amount, link.MinAmount, link.MaxAmount));
    }

    [Fact]
    public async Task AFixedAmountLinkIgnoresTheMinimumAndMaximumLeftInTheOtherFields()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await CreateAsync(merchant, ("Input.Title", "Chai"), ("Input.AmountKind", "fixed"),
            ("Input.Amount", "KES 50"), ("Input.Min", "100"), ("Input.Max", "abc"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var link = Assert.Single(await LinksAsync(merchant));
        Assert.Equal((50L, (long?)null, (long?)null), (link.Amount, link.MinAmount, link.MaxAmount));
    }

    [Fact]
    public async Task EditingSwitchesAFixedLinkToACustomerAmountAndTheFormShowsTheChoice()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Chai"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        Assert.Contains("id=\"amount-kind-fixed\" name=\"Input.AmountKind\" value=\"fixed\" checked=\"checked\"",
            await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Edit/{lid}"));

        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, $"/PaymentLinks/Edit/{lid}",
            ("Input.Title", "Chai"), ("Input.AmountKind", "customer"), ("Input.Amount", "50"), ("Input.Min", "1,000"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var link = Assert.Single(await LinksAsync(merchant));
        Assert.Equal(((long?)null, 1000L, (long?)null), (link.Amount, link.MinAmount, link.MaxAmount));
        Assert.Contains("id=\"amount-kind-range\" name=\"Input.AmountKind\" value=\"customer\" checked=\"checked\"",
            await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Edit/{lid}"));
    }

    [Fact]
    public async Task TheApiKeepsItsDigitsOnlyAmountsAndRefusesTypedOnes()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var refused = await merchant.Api.PostAsync("create_link", ("title", "Chai"), ("amount", "KES 1,500"));

        refused.AssertError(HttpStatusCode.BadRequest, "invalid_amount");
        Assert.Empty(await LinksAsync(merchant));
    }

    private static Task<HttpResponseMessage> CreateAsync(TestMerchant merchant, params (string Name, string Value)[] fields) =>
        PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentLinks/Create", fields);

    private static string FieldError(string page, string field)
    {
        var match = Regex.Match(page, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)</span>");
        Assert.True(match.Success, $"No error shown beside {field}");
        return match.Groups[1].Value;
    }

    private Task<List<Data.Entities.PaymentLink>> LinksAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => (from l in db.PaymentLinks.AsNoTracking()
                               join m in db.Users on l.MerchantId equals m.Id
                               where m.PublicId == merchant.PublicId
                               orderby l.Id
                               select l).ToListAsync());
}

public sealed class SqliteLinkAmountFormTests(SqliteApp app) : LinkAmountFormTests<SqliteApp>(app);

public sealed class PostgresLinkAmountFormTests(PostgresApp app) : LinkAmountFormTests<PostgresApp>(app);
