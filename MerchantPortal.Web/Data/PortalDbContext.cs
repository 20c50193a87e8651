using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Modes;
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

    public DbSet<BusinessMember> BusinessMembers => Set<BusinessMember>();

    public DbSet<MemberInvite> MemberInvites => Set<MemberInvite>();

    public DbSet<BusinessAuditEntry> BusinessAudit => Set<BusinessAuditEntry>();

    public DbSet<PaymentReversal> Reversals => Set<PaymentReversal>();

    /// <summary>Every payment of both modes: for writes, and for the few reads that name their mode themselves.</summary>
    public DbSet<PaymentTransaction> AllTransactions => Set<PaymentTransaction>();

    /// <summary>The payments of the request's <see cref="Mode"/> (of both when none is chosen); see <see cref="InMode{T}"/>.</summary>
    public IQueryable<PaymentTransaction> Transactions => InMode(AllTransactions);

    public DbSet<PaymentDayTotal> AllPaymentDayTotals => Set<PaymentDayTotal>();

    public IQueryable<PaymentDayTotal> PaymentDayTotals => InMode(AllPaymentDayTotals);

    public DbSet<TransactionEvent> TransactionEvents => Set<TransactionEvent>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<WebhookEndpoint> AllWebhookEndpoints => Set<WebhookEndpoint>();

    public IQueryable<WebhookEndpoint> WebhookEndpoints => InMode(AllWebhookEndpoints);

    public DbSet<WebhookDelivery> AllWebhookDeliveries => Set<WebhookDelivery>();

    public IQueryable<WebhookDelivery> WebhookDeliveries => InMode(AllWebhookDeliveries);

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

    public DbSet<ApiRequestLog> AllApiRequestLogs => Set<ApiRequestLog>();

    public IQueryable<ApiRequestLog> ApiRequestLogs => InMode(AllApiRequestLogs);

    /// <summary>
    /// The request's <see cref="DataMode"/>, given by the scope that rents this context (a pooled context outlives
    /// requests, so it is set on every rent and never kept from one to the next).
    /// </summary>
    public DataMode? Mode { get; set; }

    /// <summary>
    /// One place decides which mode's rows a request reads: the mode-owned tables are read through these properties,
    /// filtered by the request's mode, or not at all when none is chosen (background work, Daraja's callbacks, the
    /// customer's pages, which take a row's mode from the row). A filtering property rather than an EF query filter:
    /// compiled models (the app's cold start) cannot carry query filters. Writes go through the <c>All…</c> sets.
    /// </summary>
    private IQueryable<T> InMode<T>(DbSet<T> rows) where T : class, IModeOwned =>
        Mode?.Livemode is { } livemode ? rows.Where(r => r.Livemode == livemode) : rows;

    /// <summary>The audit logs (the operator's and each business's) are append-only: any attempt to change or remove an entry is a bug.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // One scan for changes serves both the check and the save: each Entries() and the save would scan again.
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (ChangeTracker.Entries().Any(e => (e.Entity is AuditEntry or BusinessAuditEntry) && e.State is EntityState.Modified or EntityState.Deleted))
            {
                throw new InvalidOperationException("Audit log entries are never changed or deleted.");
            }

            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
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
