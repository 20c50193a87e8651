using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Admin;

/// <summary>The operator's audit log is append-only: the context refuses to save a change to an entry or its removal.</summary>
public abstract class AuditLogAppendOnlyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task AnEntryIsAddedButNeitherChangedNorRemoved()
    {
        var id = await app.WithDbAsync(async db =>
        {
            var entry = new AuditEntry
            {
                At = DateTimeOffset.UtcNow, ActorId = "test", ActorName = "Test", Action = "test.append_only", Target = Guid.NewGuid().ToString("N"),
            };
            db.AuditLog.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });

        // Changed in place, without telling EF: the save's one scan for changes finds it.
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            (await db.AuditLog.SingleAsync(e => e.Id == id)).After = "rewritten";
            return await db.SaveChangesAsync();
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.AuditLog.Remove(await db.AuditLog.SingleAsync(e => e.Id == id));
            return await db.SaveChangesAsync();
        }));

        var kept = await app.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Null(kept.After);
    }
}

public sealed class SqliteAuditLogAppendOnlyTests(SqliteApp app) : AuditLogAppendOnlyTests<SqliteApp>(app);

public sealed class PostgresAuditLogAppendOnlyTests(PostgresApp app) : AuditLogAppendOnlyTests<PostgresApp>(app);
