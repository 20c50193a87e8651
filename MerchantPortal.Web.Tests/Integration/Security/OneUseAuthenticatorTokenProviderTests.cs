using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.Web.Tests.Integration.Security;

/// <summary>The provider on the app's own user store, each call in a scope of its own as a request would be.</summary>
public abstract class OneUseAuthenticatorTokenProviderTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task RefusesEveryCodeAcceptedWithinTheRememberedTimeAndStoresNoCode()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await NewKeyAsync(merchant);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var provider = new OneUseAuthenticatorTokenProvider(clock);
        var code = Totp.Code(key, DateTimeOffset.UtcNow);
        var next = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));

        Assert.True(await ValidateAsync(provider, merchant, code));
        Assert.True(await ValidateAsync(provider, merchant, next));
        // The second code accepted did not push the first out.
        Assert.False(await ValidateAsync(provider, merchant, code));
        Assert.False(await ValidateAsync(provider, merchant, "+" + next));

        var stored = await app.WithDbAsync(db => (
            from t in db.UserTokens
            join u in db.Users on t.UserId equals u.Id
            where u.PublicId == merchant.PublicId && t.LoginProvider == "[PortalAuthenticator]"
            select t.Value).SingleAsync());
        var parts = stored!.Split(' ', ':');
        Assert.Equal(4, parts.Length);
        Assert.DoesNotContain(code, parts);
        Assert.DoesNotContain(next, parts);

        clock.Advance(OneUseAuthenticatorTokenProvider.Remembered);
        Assert.True(await ValidateAsync(provider, merchant, code));
    }

    [Fact]
    public async Task RefusesAWrongCodeAndRemembersNothing()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await NewKeyAsync(merchant);
        var provider = new OneUseAuthenticatorTokenProvider(TimeProvider.System);
        var valid = Enumerable.Range(-3, 7).Select(s => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30 * s))).ToHashSet();
        var wrong = Enumerable.Range(0, 20).Select(i => (123456 + i * 1111).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(c => !valid.Contains(c));

        Assert.False(await ValidateAsync(provider, merchant, wrong));
        Assert.False(await app.WithDbAsync(db => db.UserTokens.AnyAsync(t => t.LoginProvider == "[PortalAuthenticator]"
            && db.Users.Any(u => u.Id == t.UserId && u.PublicId == merchant.PublicId))));
    }

    private async Task<string> NewKeyAsync(TestMerchant merchant)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Merchant>>();
        var user = (await users.FindByNameAsync(merchant.Username))!;
        await users.ResetAuthenticatorKeyAsync(user);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private async Task<bool> ValidateAsync(OneUseAuthenticatorTokenProvider provider, TestMerchant merchant, string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Merchant>>();
        var user = (await users.FindByNameAsync(merchant.Username))!;
        return await provider.ValidateAsync("TwoFactor", code, users, user);
    }
}

public sealed class SqliteOneUseAuthenticatorTokenProviderTests(SqliteApp app) : OneUseAuthenticatorTokenProviderTests<SqliteApp>(app);

public sealed class PostgresOneUseAuthenticatorTokenProviderTests(PostgresApp app) : OneUseAuthenticatorTokenProviderTests<PostgresApp>(app);
