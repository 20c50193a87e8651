using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;
using MerchantPortal.Web.Features.Business;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Business;

/// <summary><c>register</c> with <c>business_name</c>, <c>save_profile</c> and <c>me.user.business_name</c>, over real HTTP.</summary>
public abstract class ProfileActionsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task RegisteringWithABusinessNameShowsItInMe()
    {
        var api = app.NewApi();
        var username = "m" + Guid.NewGuid().ToString("N")[..12];

        (await api.PostAsync("register", ("username", username), ("email", username + "@example.com"), ("password", "secret1"),
            ("business_name", "  Mama Mboga Greens  "))).AssertOk();

        Assert.Equal("Mama Mboga Greens", (await MeAsync(api)).GetProperty("business_name").GetString());
    }

    [Fact]
    public async Task MeShowsTheUsernameAsTheBusinessNameUntilOneIsSetAndKeepsTheDocumentsFields()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var user = await MeAsync(merchant.Api);

        Assert.Equal(merchant.Username, user.GetProperty("business_name").GetString());
        foreach (var field in new[] { "id", "username", "email", "phone", "created_at", "subscription", "api_keys", "payment_accounts", "links" })
        {
            Assert.True(user.TryGetProperty(field, out _), $"me.user lost {field}");
        }

        Assert.Equal(merchant.Username, user.GetProperty("username").GetString());
        Assert.Equal("0712345678", user.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task RegisteringWithATooShortBusinessNameIsRefusedNamingTheField()
    {
        var username = "m" + Guid.NewGuid().ToString("N")[..12];

        var refused = (await app.NewApi().PostAsync("register", ("username", username), ("email", username + "@example.com"),
            ("password", "secret1"), ("business_name", "X"))).AssertError(HttpStatusCode.BadRequest, "invalid_business_name");

        Assert.True(refused.Body.GetProperty("errors").TryGetProperty("business_name", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == username)));
    }

    [Fact]
    public async Task SaveProfileSetsTheNamePhoneAndEmailAndAnswersWithTheProfile()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var saved = (await merchant.Api.PostAsync("save_profile", ("business_name", "Mama Mboga Greens"),
            ("support_phone", "+254 712 000 111"), ("support_email", "help@mamamboga.example"))).AssertOk();

        var profile = saved.Data.GetProperty("profile");
        Assert.Equal("Mama Mboga Greens", profile.GetProperty("business_name").GetString());
        Assert.True(profile.GetProperty("business_name_set").GetBoolean());
        Assert.Equal("0712000111", profile.GetProperty("support_phone").GetString());
        Assert.Equal("help@mamamboga.example", profile.GetProperty("support_email").GetString());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("logo_url").ValueKind);
        Assert.Equal("Mama Mboga Greens", (await MeAsync(merchant.Api)).GetProperty("business_name").GetString());
        var stored = await StoredAsync(merchant);
        Assert.Equal(("Mama Mboga Greens", "254712000111", "help@mamamboga.example"), (stored.BusinessName, stored.SupportPhone, stored.SupportEmail));
    }

    [Fact]
    public async Task SaveProfileKeepsFieldsLeftOutAndClearsFieldsSentBlank()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("save_profile", ("business_name", "Kiosk"), ("support_phone", "0712000111"),
            ("support_email", "a@b.co"))).AssertOk();

        (await merchant.Api.PostAsync("save_profile", ("support_email", "new@b.co"))).AssertOk();
        var kept = await StoredAsync(merchant);
        (await merchant.Api.PostJsonAsync("{\"action\":\"save_profile\",\"business_name\":\"\",\"support_phone\":null}")).AssertOk();
        var cleared = await StoredAsync(merchant);

        Assert.Equal(("Kiosk", "254712000111", "new@b.co"), (kept.BusinessName, kept.SupportPhone, kept.SupportEmail));
        Assert.Equal((null, null, "new@b.co"), (cleared.BusinessName, cleared.SupportPhone, cleared.SupportEmail));
        Assert.Equal(merchant.Username, (await MeAsync(merchant.Api)).GetProperty("business_name").GetString());
    }

    [Theory]
    [InlineData("business_name", "X", "invalid_business_name")]
    [InlineData("business_name", "This business name is far too long to be shown at the top of a pay page on any phone at all", "invalid_business_name")]
    [InlineData("business_name", "\u202Eevil\u202C", "invalid_business_name")]
    [InlineData("business_name", "Mama\nMboga", "invalid_business_name")]
    [InlineData("support_phone", "12345", "invalid_support_phone")]
    [InlineData("support_phone", "+1 202 555 0100", "invalid_support_phone")]
    [InlineData("support_email", "not-an-email", "invalid_support_email")]
    [InlineData("support_email", "a@b", "invalid_support_email")]
    public async Task SaveProfileRefusesAnInvalidFieldNamingItAndChangesNothing(string field, string value, string code)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("save_profile", ("business_name", "Before"), ("support_email", "before@b.co"))).AssertOk();

        (string, string?)[] fields = field == "business_name" ? [(field, value)] : [("business_name", "After"), (field, value)];
        var refused = (await merchant.Api.PostAsync("save_profile", fields)).AssertError(HttpStatusCode.BadRequest, code);

        Assert.Contains(field, refused.Body.GetProperty("errors").GetProperty(field).GetString());
        var stored = await StoredAsync(merchant);
        Assert.Equal(("Before", "before@b.co"), (stored.BusinessName, stored.SupportEmail));
    }

    [Fact]
    public async Task SaveProfileWithAnApiKeyChangesOnlyThatKeysMerchant()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        var key = await owner.GenerateKeyAsync();
        (await other.Api.PostAsync("save_profile", ("business_name", "Other Shop"))).AssertOk();

        // Fields naming the other merchant are not part of the action: the key alone decides whose profile it is.
        (await app.NewApi().PostAsync("save_profile", ("api_key", key), ("uid", other.PublicId), ("id", other.PublicId),
            ("business_name", "Owner Shop"))).AssertOk();

        Assert.Equal("Owner Shop", (await StoredAsync(owner)).BusinessName);
        Assert.Equal("Other Shop", (await StoredAsync(other)).BusinessName);
        Assert.Equal("Other Shop", (await MeAsync(other.Api)).GetProperty("business_name").GetString());
    }

    [Fact]
    public async Task TheDisplayNameIsTheUsernameUntilABusinessNameIsSetThenThatName()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var id = (await StoredAsync(merchant)).Id;

        var before = await DisplayNameAsync(id);
        (await merchant.Api.PostAsync("save_profile", ("business_name", "Duka la Juma"))).AssertOk();
        var after = await DisplayNameAsync(id);

        Assert.Equal((merchant.Username, "Duka la Juma"), (before, after));
        Assert.Null(await DisplayNameAsync("no-such-merchant"));
    }

    [Fact]
    public async Task SaveProfileWithoutASessionOrKeyIsRefused() =>
        (await app.NewApi().PostAsync("save_profile", ("business_name", "Nobody"))).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");

    private async Task<string?> DisplayNameAsync(string merchantId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BusinessProfileService>().DisplayNameAsync(merchantId, CancellationToken.None);
    }

    private static async Task<JsonElement> MeAsync(ApiClient api) => (await api.GetAsync("me")).AssertOk().Body.GetProperty("user");

    private Task<Data.Entities.Merchant> StoredAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.PublicId == merchant.PublicId));
}

public sealed class SqliteProfileActionsTests(SqliteApp app) : ProfileActionsTests<SqliteApp>(app);

public sealed class PostgresProfileActionsTests(PostgresApp app) : ProfileActionsTests<PostgresApp>(app);
