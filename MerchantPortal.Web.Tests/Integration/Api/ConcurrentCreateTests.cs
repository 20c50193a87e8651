using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>Creates that race a uniqueness rule answer as the sequential request would: never a 500.</summary>
public abstract class ConcurrentCreateTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const int Callers = 10;

    [Fact]
    public async Task ConcurrentRegistrationsWithOneUsernameGiveOneAccountAndUsernameTakenToTheRest()
    {
        var username = "race" + Guid.NewGuid().ToString("N")[..10];

        var answers = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => app.NewApi().PostAsync("register",
            ("username", username), ("email", $"{username}.{i}@example.com"), ("password", "secret1"))));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertError(HttpStatusCode.Conflict, "username_taken"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == username)));
    }

    [Fact]
    public async Task ConcurrentRegistrationsWithOneEmailGiveOneAccountAndEmailTakenToTheRest()
    {
        var prefix = "mail" + Guid.NewGuid().ToString("N")[..10];
        var email = $"{prefix}@example.com";

        var answers = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => app.NewApi().PostAsync("register",
            ("username", $"{prefix}{i}"), ("email", i % 2 == 0 ? email : email.ToUpperInvariant()), ("password", "secret1"))));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertError(HttpStatusCode.Conflict, "email_taken"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant())));
    }

    [Fact]
    public async Task ConcurrentAddsOfOneNumberGiveOneAccountAndUpdateItForTheRest()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var answers = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => merchant.Api.PostAsync("save_payment_account",
            ("type", "paybill"), ("number", "424242"), ("accountReference", "Caller" + i))));

        Assert.All(answers, a => a.AssertOk());
        Assert.Single(answers, a => a.Data.GetProperty("created").GetBoolean());
        Assert.Single(answers.Select(a => a.Data.GetProperty("payment_id").GetString()).Distinct());
        var accounts = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("payment_accounts");
        Assert.Equal("#00001", Assert.Single(accounts.EnumerateArray()).GetProperty("payment_id").GetString());
    }

    [Fact]
    public async Task ConcurrentAddsOfDifferentNumbersGetDistinctSequentialPaymentIds()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var answers = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => merchant.Api.PostAsync("save_payment_account",
            ("type", "till"), ("number", (500000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        var ids = answers.Select(a => a.AssertOk().Data.GetProperty("payment_id").GetString()).Order().ToList();
        Assert.Equal(Enumerable.Range(1, Callers).Select(n => $"#{n:00000}"), ids);
        Assert.Single(answers, a => a.Data.GetProperty("payment_account").GetProperty("is_primary").GetBoolean());
    }

    [Fact]
    public async Task ConcurrentUpdatesOfTwoAccountsToOneNumberGiveOneSaveAndAConflict()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var pairs = new List<(string First, string Second)>();
        for (var round = 0; round < 5; round++)
        {
            pairs.Add((await merchant.AddAccountAsync("paybill"), await merchant.AddAccountAsync("paybill")));
        }

        foreach (var (first, second) in pairs)
        {
            var number = Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var answers = await Task.WhenAll(new[] { first, second }.Select(id =>
                merchant.Api.PostAsync("save_payment_account", ("payment_id", id), ("number", number))));

            Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertError(HttpStatusCode.Conflict, "payment_account_exists"));
        }
    }
}

public sealed class SqliteConcurrentCreateTests(SqliteApp app) : ConcurrentCreateTests<SqliteApp>(app);

public sealed class PostgresConcurrentCreateTests(PostgresApp app) : ConcurrentCreateTests<PostgresApp>(app);
