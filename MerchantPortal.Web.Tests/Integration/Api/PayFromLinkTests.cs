using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

public abstract class PayFromLinkTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ACustomerPaysAFixedAmountLinkWithoutSigningIn()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Ticket"), ("amount", "1500"))).AssertOk().Data.GetProperty("link_id").GetString()!;

        var started = (await app.NewApi().PostAsync("pay_from_link",
            ("uid", merchant.PublicId), ("lid", lid), ("phone", "+254 7" + TestPhones.Random()[2..]), ("amount", "1500"))).AssertOk();

        var done = await merchant.WaitForFinalAsync(started.Data.GetProperty("transaction_id").GetString()!);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal(lid, done.GetProperty("link_id").GetString());
        Assert.Equal(1500, done.GetProperty("amount").GetInt64());
    }

    [Theory]
    [InlineData(null, null, "1500")]
    [InlineData("100", "5000", "100")]
    [InlineData("100", "5000", "5000")]
    public async Task AmountsWithinTheLinkLimitsAreAccepted(string? min, string? max, string amount)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Donation"), ("min", min), ("max", max))).AssertOk().Data.GetProperty("link_id").GetString()!;

        (await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", TestPhones.Random()), ("amount", amount))).AssertOk();
    }

    [Theory]
    [InlineData(null, "100", "5000", "99")]
    [InlineData(null, "100", "5000", "5001")]
    [InlineData(null, null, null, null)]
    [InlineData("1000", null, null, "999")]
    [InlineData(null, null, null, "12.5")]
    public async Task AmountsOutsideTheLinkLimitsAreRefusedAndWriteNothing(string? fixedAmount, string? min, string? max, string? amount)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Shop"), ("amount", fixedAmount), ("min", min), ("max", max)))
            .AssertOk().Data.GetProperty("link_id").GetString()!;

        (await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", TestPhones.Random()), ("amount", amount)))
            .AssertError(HttpStatusCode.BadRequest, "invalid_amount");

        Assert.Equal(0, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    [Fact]
    public async Task UnknownLinksAndBadPhonesAreRefused()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Shop"), ("amount", "10"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var api = app.NewApi();

        (await api.PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", "link_missing"), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.NotFound, "link_not_found");
        (await api.PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", "0812345678"), ("amount", "10")))
            .AssertError(HttpStatusCode.BadRequest, "invalid_phone");
        (await api.PostAsync("pay_from_link", ("lid", lid), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.BadRequest, "invalid_uid");
    }

    [Fact]
    public async Task ALinkOfAMerchantWithNoAccountCannotTakePayments()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Early"), ("amount", "10"))).AssertOk().Data.GetProperty("link_id").GetString()!;

        (await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.Conflict, "merchant_not_ready");
    }
}

public sealed class SqlitePayFromLinkTests(SqliteApp app) : PayFromLinkTests<SqliteApp>(app);

public sealed class PostgresPayFromLinkTests(PostgresApp app) : PayFromLinkTests<PostgresApp>(app);
