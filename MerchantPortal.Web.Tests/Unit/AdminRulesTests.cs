using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Hosting;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>The pure pieces of the admin area: the SQL form of the state machine, extensions, day buckets, the command's arguments.</summary>
public sealed class AdminRulesTests
{
    private const int Grace = 3;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, double, bool> Merchants()
    {
        var data = new TheoryData<string, double, bool>();
        foreach (var stored in new[] { SubscriptionStatuses.Trial, SubscriptionStatuses.Active })
        {
            foreach (var days in new[] { 30, 0.001, 0, -0.001, -1, -2.999, -3, -3.001, -40 })
            {
                data.Add(stored, days, false);
                data.Add(stored, days, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Merchants))]
    public void TheQueryFormOfTheStatusAgreesWithTheRules(string stored, double daysToEnd, bool suspended)
    {
        var merchant = new Merchant
        {
            SubscriptionStatus = stored,
            SubscriptionExpiresAt = Now.AddDays(daysToEnd),
            SuspendedAt = suspended ? Now.AddDays(-1) : null,
        };
        var expected = SubscriptionRules.StatusOf(merchant, Now, Grace);

        Assert.Equal(expected, SubscriptionRules.StatusExpression(Now, Grace).Compile()(merchant));
        Assert.All(SubscriptionStatuses.All, status =>
            Assert.Equal(status == expected, SubscriptionRules.HasStatus(status, Now, Grace).Compile()(merchant)));
    }

    [Fact]
    public void AnExtensionFollowsAFutureEndAndStartsNowOnceTheEndHasPassed()
    {
        Assert.Equal(Now.AddDays(15), SubscriptionRules.Extension(Now.AddDays(5), Now, 10));
        Assert.Equal(Now.AddDays(10), SubscriptionRules.Extension(Now.AddDays(-1), Now, 10));
        Assert.Equal(Now.AddDays(10), SubscriptionRules.Extension(Now, Now, 10));
    }

    [Theory]
    [InlineData(new[] { "--email", "ops@example.com", "--password", "secret1" }, "ops@example.com", "secret1", null)]
    [InlineData(new[] { "--email=ops@example.com", "--password=a=b", "--username", "ops" }, "ops@example.com", "a=b", "ops")]
    [InlineData(new[] { "--email", "ops@example.com" }, "ops@example.com", null, null)]
    public void TheCommandReadsItsOptions(string[] args, string email, string? password, string? username) =>
        Assert.Equal(new CreateAdminRequest(email, password, username), AdminCommand.Parse(args).Value);

    [Theory]
    [InlineData(new[] { "--password", "secret1" }, "--email is required")]
    [InlineData(new[] { "--email" }, "--email needs a value")]
    [InlineData(new[] { "--email", "--password", "x" }, "--email needs a value")]
    [InlineData(new[] { "--email", "a@b.co", "--role", "x" }, "unknown option '--role'")]
    [InlineData(new[] { "a@b.co" }, "unexpected argument 'a@b.co'")]
    public void TheCommandRefusesWhatItCannotRead(string[] args, string message) =>
        Assert.Contains(message, AdminCommand.Parse(args).Error!.Message);

    [Theory]
    [InlineData("jane.doe@example.com", "jane.doe")]
    [InlineData("o'brien+ops@example.com", "obrienops")]
    [InlineData("a@example.com", "a")]
    public void TheUsernameComesFromTheAddresssLocalPart(string email, string username) =>
        Assert.Equal(username, AdminAccountService.UsernameFrom(email));
}
