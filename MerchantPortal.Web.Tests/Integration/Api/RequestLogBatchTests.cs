using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.RequestLogs;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>
/// The request log is saved in batches: entries that arrive within <see cref="RequestLogFlusher.Linger"/> of each other
/// are written by one save, so a busy portal does not pay a database write (and a commit) per request.
/// </summary>
public abstract class RequestLogBatchTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : RequestLogBatchApp
{
    [Fact]
    public async Task EntriesArrivingTogetherAreSavedByOneOrTwoSavesAndNoneIsLost()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var merchantId = await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.Id).SingleAsync());
        var writer = app.Services.GetRequiredService<RequestLogWriter>();
        var correlation = "batch-" + Guid.NewGuid().ToString("N");
        var savesBefore = app.Saves.Of(merchantId);

        // Ten requests' entries, 10 ms apart: without the linger each would be saved on its own.
        for (var i = 0; i < 10; i++)
        {
            writer.Write(new ApiRequestLog
            {
                PublicId = "req_" + Guid.NewGuid().ToString("N")[..16], MerchantId = merchantId, At = DateTimeOffset.UtcNow,
                Action = "me", Status = 200, CorrelationId = correlation + i,
            });
            await Task.Delay(10);
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        int saved;
        while ((saved = await app.WithDbAsync(db => db.AllApiRequestLogs.CountAsync(e => e.CorrelationId.StartsWith(correlation)))) < 10
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(10, saved);
        // 100 ms of entries within a 250 ms linger: one save, or two or three when a slow machine's timers straddle a
        // batch or the merchant's own sign-up entry is saved apart.
        Assert.InRange(app.Saves.Of(merchantId) - savesBefore, 1, 3);
    }
}

/// <summary>The portal counting, per merchant, the saves that write request log entries.</summary>
public class RequestLogBatchApp(DatabaseProvider provider) : PortalApp(provider)
{
    public RequestLogSaveCounter Saves { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(Saves));
        services.ConfigureDbContext<PostgresPortalDbContext>(o => o.AddInterceptors(Saves));
    }
}

public sealed class RequestLogSaveCounter : SaveChangesInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> saves = new();

    public int Of(string merchantId) => saves.GetValueOrDefault(merchantId);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var merchants = eventData.Context!.ChangeTracker.Entries<ApiRequestLog>().Select(e => e.Entity.MerchantId).Distinct();
        foreach (var merchant in merchants)
        {
            saves.AddOrUpdate(merchant, 1, (_, n) => n + 1);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

public sealed class SqliteRequestLogBatchApp() : RequestLogBatchApp(DatabaseProvider.Sqlite);

public sealed class PostgresRequestLogBatchApp() : RequestLogBatchApp(DatabaseProvider.Postgres);

public sealed class SqliteRequestLogBatchTests(SqliteRequestLogBatchApp app) : RequestLogBatchTests<SqliteRequestLogBatchApp>(app);

public sealed class PostgresRequestLogBatchTests(PostgresRequestLogBatchApp app) : RequestLogBatchTests<PostgresRequestLogBatchApp>(app);
