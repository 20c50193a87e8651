using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>The one reader of unique-index violations names the model's index on both providers, however the write failed.</summary>
public abstract class UniqueViolationsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task AViolationFromSaveChangesNamesTheIndex()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "111111");

        var violation = await app.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.Id).SingleAsync();
            db.PaymentAccounts.Add(new PaymentAccount { MerchantId = id, Sequence = 2, Type = "paybill", Number = "111111" });
            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            return db.FindUniqueViolation(ex);
        });

        Assert.NotNull(violation);
        Assert.True(violation.Is<PaymentAccount>(nameof(PaymentAccount.MerchantId), nameof(PaymentAccount.Type), nameof(PaymentAccount.Number)));
        Assert.False(violation.Is<PaymentAccount>(nameof(PaymentAccount.MerchantId), nameof(PaymentAccount.Sequence)));
    }

    [Fact]
    public async Task TheDriversOwnExceptionFromExecuteUpdateNamesTheIndex()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "222222");
        await merchant.AddAccountAsync("paybill", "333333");

        var violation = await app.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.Id).SingleAsync();
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.PaymentAccounts
                .Where(a => a.Number == "333333" && a.MerchantId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Sequence, 1)));
            Assert.IsNotType<DbUpdateException>(ex);
            return db.FindUniqueViolation(ex);
        });

        Assert.NotNull(violation);
        Assert.True(violation.Is<PaymentAccount>(nameof(PaymentAccount.MerchantId), nameof(PaymentAccount.Sequence)));
    }

    [Fact]
    public async Task AnotherFailureIsNoViolation()
    {
        var violation = await app.WithDbAsync(db => Task.FromResult(db.FindUniqueViolation(new DbUpdateException("not a unique index"))));

        Assert.Null(violation);
    }
}

public sealed class SqliteUniqueViolationsTests(SqliteApp app) : UniqueViolationsTests<SqliteApp>(app);

public sealed class PostgresUniqueViolationsTests(PostgresApp app) : UniqueViolationsTests<PostgresApp>(app);
