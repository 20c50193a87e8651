using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MerchantPortal.Web.Tests.Integration.Pay.CustomerPages;

namespace MerchantPortal.Web.Tests.Integration.Pay;

public abstract class PayOutcomePagesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Theory]
    [InlineData("0708000001", "en", "You cancelled the payment", "No money was taken", "Try again")]
    [InlineData("0708000001", "sw", "Umeghairi malipo", "Hakuna pesa iliyokatwa", "Jaribu tena")]
    [InlineData("0708000002", "en", "Your M-Pesa balance was not enough", "Top up your M-Pesa", "Use another number")]
    [InlineData("0708000002", "sw", "Salio lako la M-Pesa halitoshi", "Ongeza salio lako la M-Pesa", "Tumia nambari nyingine")]
    [InlineData("0708000003", "en", "The PIN was wrong", "enter your M-Pesa PIN carefully", "Try again")]
    [InlineData("0708000003", "sw", "PIN uliyoweka si sahihi", "uweke PIN yako ya M-Pesa", "Jaribu tena")]
    [InlineData("0708000004", "en", "The prompt expired", "send the prompt again", "Try again")]
    [InlineData("0708000004", "sw", "Muda wa ombi umekwisha", "utume ombi tena", "Jaribu tena")]
    public async Task EachOutcomeTellsTheCustomerWhatHappenedAndWhatToDoInTheirLanguage(
        string phone, string language, string title, string next, string action)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Taxi"), ("amount", $"{Random.Shared.Next(20, 900)}"));
        using var http = Client(app, language);

        var page = await SettledAsync(http, await PayAsync(http, lid, phone));

        Assert.Equal(language, Lang(page));
        Assert.Contains($"<h1 class=\"failed\">{title}</h1>", page);
        Assert.Contains(next, page);
        Assert.Contains(action, page);
        Assert.DoesNotContain("the customer", page, StringComparison.OrdinalIgnoreCase);
        Assert.Null(ReceiptHref(page));
    }

    [Theory]
    [InlineData("en", "Payment received", "You paid KES 1,250 to Mama Mboga Greens.", "M-Pesa receipt")]
    [InlineData("sw", "Malipo yamepokelewa", "Umelipa KES 1,250 kwa Mama Mboga Greens.", "Risiti ya M-Pesa")]
    public async Task ASuccessShowsAmountBusinessItemTimeAndReceiptAndLinksToTheReceipt(
        string language, string title, string paid, string receiptLabel)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.Api.PostAsync("save_profile", ("business_name", "Mama Mboga Greens"));
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Sukuma bundle"), ("min", "100"));
        using var http = Client(app, language);

        var statusUrl = await PayAsync(http, lid, TestPhones.Random(), "1250");
        var page = await SettledAsync(http, statusUrl);
        // On a loaded machine the reconciler's query may settle it before the callback brings the receipt.
        for (var i = 0; i < 150 && !page.Contains(receiptLabel, StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            page = System.Net.WebUtility.HtmlDecode(await http.GetStringAsync(statusUrl));
        }

        var receipt = (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions")[0].GetProperty("receipt").GetString()!;
        Assert.Contains($"<h1 class=\"ok\">{title}</h1>", page);
        Assert.Contains(paid, page);
        Assert.Contains("Sukuma bundle", page);
        Assert.Contains(receiptLabel, page);
        Assert.Contains(receipt, page);
        Assert.Matches(@"\d{1,2} \w+ 20\d\d, \d\d:\d\d", page);
        Assert.NotNull(ReceiptHref(page));
    }

    [Fact]
    public async Task TheReceiptIsShareableAndShowsOnlyThisPayment()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "School fees"), ("amount", "700"));
        using var payer = Client(app);
        var phone = TestPhones.Random();
        var status = await SettledAsync(payer, await PayAsync(payer, lid, phone));
        var href = ReceiptHref(status)!;
        Assert.DoesNotContain(status[(status.LastIndexOf('/') + 1)..], href);

        using var friend = Client(app, "sw");
        using var response = await friend.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var receipt = (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions")[0].GetProperty("receipt").GetString()!;
        Assert.Contains("Imelipwa", page);
        Assert.Contains(receipt, page);
        Assert.Contains("KES 700", page);
        Assert.Contains("School fees", page);
        Assert.DoesNotContain(phone[1..], page);
        Assert.DoesNotContain("<form", page);
        Assert.Contains("data-print", page);
    }

    [Fact]
    public async Task AReceiptAddressOfAnUnpaidForgedOrForeignPaymentClaimsNoPayment()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Taxi"), ("amount", "300"));
        using var http = Client(app);
        var statusUrl = await PayAsync(http, lid, "0708000001");
        await SettledAsync(http, statusUrl);
        var statusToken = statusUrl[(statusUrl.LastIndexOf('/') + 1)..];
        var receiptToken = app.Services.GetRequiredService<MerchantPortal.Web.Features.PayPages.ReceiptTokens>().For(statusToken);

        var unpaid = WebUtility.HtmlDecode(await http.GetStringAsync($"/pay/receipt/{receiptToken}"));

        Assert.Contains("Not paid", unpaid);
        Assert.Contains("did not go through", unpaid);
        Assert.DoesNotContain("stamp ok", unpaid);
        var forged = receiptToken[..^2] + (receiptToken[^2] == 'A' ? "B" : "A") + receiptToken[^1];
        foreach (var token in new[] { forged, statusToken, "x", new string('A', 500) })
        {
            using var response = await http.GetAsync($"/pay/receipt/{token}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Taxi", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AWaitingPaymentCountsDownThenOffersToSendThePromptAgainWithThePhoneKept()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Tip"), ("amount", "55"));
        using var http = Client(app);
        var statusUrl = await PayAsync(http, lid, "0708000005");
        // Held pending: the reconciler is kept away, and the push is made to look 10 s, then 2 min old.
        await Backdate(lid, TimeSpan.FromSeconds(10));

        var waiting = WebUtility.HtmlDecode(await http.GetStringAsync(statusUrl));
        Assert.Contains("Check your phone", waiting);
        Assert.Matches(@"About (4\d|50) seconds left\.", waiting);
        Assert.DoesNotContain("Send it again", waiting);

        await Backdate(lid, TimeSpan.FromMinutes(2));
        var late = WebUtility.HtmlDecode(await http.GetStringAsync(statusUrl));
        Assert.Contains("We're still waiting for M-Pesa; this page will update.", late);
        Assert.Contains("http-equiv=\"refresh\"", late);
        Assert.Contains("Didn't get the prompt?", late);
        Assert.Contains("Use another number", late);

        using var again = await FormPage.PostAsync(http, statusUrl);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var refused = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
        Assert.Contains("still open on that phone", refused);
        Assert.Contains("value=\"0708000005\"", refused);
        Assert.Equal(1, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    [Fact]
    public async Task AnUnclearAnswerFromMpesaTakesTheCustomerToThePaymentItStartedNotBackToTheForm()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Gas refill"), ("min", "100"));
        using var http = Client(app);

        // The simulator answers this push with a gateway fault, but the prompt went out and the customer pays.
        var statusUrl = await PayAsync(http, lid, "0708000009", "321");
        var page = await SettledAsync(http, statusUrl);

        Assert.Contains("<h1 class=\"ok\">Payment received</h1>", page);
        Assert.Contains("You paid KES 321", page);
        var payments = (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions");
        Assert.Equal(1, payments.GetArrayLength());
        Assert.Equal("succeeded", payments[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("KES 1,500")]
    [InlineData("1,500")]
    [InlineData("Ksh 1500")]
    public async Task TheCustomerMayTypeTheAmountAsThePageWritesAmounts(string typed)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Firewood"), ("min", "100"), ("max", "5000"));
        using var http = Client(app);

        var page = await SettledAsync(http, await PayAsync(http, lid, TestPhones.Random(), typed));

        Assert.Contains("You paid KES 1,500", page);
    }

    [Fact]
    public async Task APhoneCopiedWithInvisibleDirectionMarksIsTakenAsTheNumberItShows()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Milk"), ("amount", "60"));
        using var http = Client(app);
        var phone = TestPhones.Random();

        await SettledAsync(http, await PayAsync(http, lid, "\u202A" + phone + "\u202C"));

        var paid = (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions")[0];
        Assert.Equal("254" + phone[1..], paid.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task AFormWithCharactersThatCannotBeUsedAnswersAPageSayingWhatToDoNotABlankOne()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Eggs"), ("min", "100"));
        using var http = Client(app);

        using var posted = await FormPage.PostAsync(http, $"/pay/{lid}", ("Phone", TestPhones.Random()), ("Amount", "1\u0007"));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("text/html", posted.Content.Headers.ContentType?.MediaType);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Contains("Go back, reload the page and try again.", page);
        Assert.Contains("lang=\"sw\"", page);
        Assert.Equal(0, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    private Task Backdate(string lid, TimeSpan age) => app.WithDbAsync(db => db.Transactions.Where(t => t.LinkPublicId == lid)
        .ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedAt, DateTimeOffset.UtcNow - age)
            .SetProperty(t => t.NextCheckAt, DateTimeOffset.UtcNow.AddHours(1))));
}

public sealed class SqlitePayOutcomePagesTests(SqliteApp app) : PayOutcomePagesTests<SqliteApp>(app);

public sealed class PostgresPayOutcomePagesTests(PostgresApp app) : PayOutcomePagesTests<PostgresApp>(app);
