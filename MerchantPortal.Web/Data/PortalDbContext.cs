using MerchantPortal.Web.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Data;

/// <summary>
/// The one model. Each provider has a thin subclass so it keeps its own migration set
/// (EF Core: "Migrations with Multiple Providers").
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : IdentityDbContext<Merchant>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring: sessions survive restarts and are shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PaymentAccount> PaymentAccounts => Set<PaymentAccount>();

    public DbSet<PaymentLink> PaymentLinks => Set<PaymentLink>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<PaymentTransaction> Transactions => Set<PaymentTransaction>();

    public DbSet<PaymentDayTotal> PaymentDayTotals => Set<PaymentDayTotal>();

    public DbSet<TransactionEvent> TransactionEvents => Set<TransactionEvent>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<RequestCallbackSecret> RequestCallbackSecrets => Set<RequestCallbackSecret>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<SubscriptionPayment> SubscriptionPayments => Set<SubscriptionPayment>();

    public DbSet<SubscriptionReminder> SubscriptionReminders => Set<SubscriptionReminder>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<RateLimitCounter> RateLimitCounters => Set<RateLimitCounter>();

    public DbSet<DarajaToken> DarajaTokens => Set<DarajaToken>();

    public DbSet<MerchantLogo> MerchantLogos => Set<MerchantLogo>();

    public DbSet<MenuPaymentIntent> MenuPaymentIntents => Set<MenuPaymentIntent>();

    public DbSet<StatementImport> StatementImports => Set<StatementImport>();

    public DbSet<StatementException> StatementExceptions => Set<StatementException>();

    public DbSet<ApiRequestLog> ApiRequestLogs => Set<ApiRequestLog>();

    /// <summary>The audit log is append-only: any attempt to change or remove an entry is a bug.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit log entries are never changed or deleted.");
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks so range queries and sorting work.
        configurationBuilder.Properties<DateTimeOffset>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);
