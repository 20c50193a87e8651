using System.Net;
using MerchantPortal.Web.Data.Configurations;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>The duplicate-pending guard as api_stk asks it, together with the account (pushes here stay pending).</summary>
public abstract class DuplicatePendingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CommandCountingApp
{
    [Fact]
    public async Task ASecondPushToTheNamedAccountIsRefusedWhileTheFirstIsPendingButAnotherAccountTakesIt()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        await merchant.AddAccountAsync("paybill");
        var key = await merchant.GenerateKeyAsync();
        var api = app.NewApi();
        // No callback ever comes for this phone, and the reconciler waits ten minutes: the first push stays pending.
        (await api.PostAsync("api_stk", ("api_key", key), ("phone", "0708000005"), ("amount", "25"), ("payment_id", "#00002"))).AssertOk();

        (await api.PostAsync("api_stk", ("api_key", key), ("phone", "0708000005"), ("amount", "25"), ("payment_id", "#00002")))
            .AssertError(HttpStatusCode.Conflict, "duplicate_pending");
        (await api.PostAsync("api_stk", ("api_key", key), ("phone", "0708000005"), ("amount", "25"), ("payment_id", "#00001"))).AssertOk();
        (await api.PostAsync("api_stk", ("api_key", key), ("phone", "0708000005"), ("amount", "25")))
            .AssertError(HttpStatusCode.Conflict, "duplicate_pending");
        (await api.PostAsync("api_stk", ("api_key", key), ("phone", "0708000005"), ("amount", "26"))).AssertOk();
    }

    /// <summary>
    /// Every push asks the guard, so it must not read an account's whole history: bench/compare.sh fell from 59 to
    /// 3.5 pushes a second once an account held 400,000 pending and settled rows and only the foreign key's index served it.
    /// </summary>
    [Fact]
    public async Task TheGuardHasAnIndexOfPendingPaymentsByAccountAndPhoneInTheMigratedDatabase()
    {
        var name = PaymentTransactionConfiguration.PendingGuardIndex;
        var definition = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(app.Provider == DatabaseProvider.Postgres
            ? "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = {0}"
            : "SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'index' AND name = {0}", name).SingleAsync());

        Assert.Matches("\"PaymentAccountId\", \"Phone\"", definition);
        Assert.Matches(@"WHERE \(*""Status""\)*(::text)? = 'pending'", definition);
    }
}

public sealed class SqliteDuplicatePendingTests(SqliteCommandCountingApp app) : DuplicatePendingTests<SqliteCommandCountingApp>(app);

public sealed class PostgresDuplicatePendingTests(PostgresCommandCountingApp app) : DuplicatePendingTests<PostgresCommandCountingApp>(app);
