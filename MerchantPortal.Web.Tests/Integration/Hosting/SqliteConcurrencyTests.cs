using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>The embedded default under many callers at once: writers wait their turn, none fails.</summary>
public sealed class SqliteConcurrencyTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task ThirtyTwoPushesAtOnceAllAnswerWithoutAServerErrorAndAreAllRecorded()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        using var script = app.NewApi();

        var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ =>
            script.PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "40"))));

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{(int)a.Status}: {a.Text}"));
        var ids = answers.Select(a => a.Data.GetProperty("transaction_id").GetString()!).ToHashSet();
        var recorded = await app.WithDbAsync(db => db.Transactions.Where(t => ids.Contains(t.PublicId)).CountAsync());
        Assert.Equal(32, ids.Count);
        Assert.Equal(32, recorded);
    }

    [Fact]
    public async Task EveryConnectionWaitsForALockInSqliteAndSyncsAtCheckpoints()
    {
        var (busyTimeout, synchronous) = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                return (await PragmaAsync(db, "busy_timeout"), await PragmaAsync(db, "synchronous"));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Equal(30_000, busyTimeout);
        Assert.Equal(1, synchronous); // NORMAL
    }

    private static async Task<long> PragmaAsync(Web.Data.PortalDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
