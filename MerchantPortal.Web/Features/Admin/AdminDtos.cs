using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Features.Transactions;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>One merchant in the admin list.</summary>
public sealed record AdminMerchantRow(
    string PublicId,
    string Username,
    string? Email,
    string? Phone,
    string Status,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt);

public sealed record AdminMerchantPage(IReadOnlyList<AdminMerchantRow> Merchants, int Page, bool HasMore);

public sealed record AdminAccountRow(string PaymentId, string Type, string Number, string? StoreNumber, bool OwnCredentials, bool Primary, bool Deleted);

/// <summary>What the operator sees of one merchant: its subscription, accounts, volumes and last activity.</summary>
public sealed record AdminMerchantDetails(
    string PublicId,
    string Username,
    string? Email,
    string? Phone,
    DateTimeOffset CreatedAt,
    bool IsAdmin,
    SubscriptionDto Subscription,
    DateTimeOffset? SuspendedAt,
    IReadOnlyList<AdminAccountRow> Accounts,
    int Payments30Days,
    long Collected30Days,
    DateTimeOffset LastActivityAt,
    string LastActivity,
    IReadOnlyList<SubscriptionPaymentDto> SubscriptionPayments,
    IReadOnlyList<AdminPlanDto> Plans);

/// <summary>A plan as the operator manages it, with how many merchants are on it (the default counts those with none).</summary>
public sealed record AdminPlanDto(string Id, string Name, long Price, int PeriodDays, bool Active, bool Default, int Merchants);

public sealed record AdminUserDto(string PublicId, string Username, string? Email);

/// <summary>The <c>create-admin</c> outcome: a new user, an existing one promoted, or one already an administrator.</summary>
public sealed record AdminGranted(AdminUserDto User, bool Created, bool AlreadyAdmin);

public sealed record ResultCodeRate(string? Code, string Reason, int Count, double Rate);

/// <summary>The platform's figures; the operator's own tenant is never counted.</summary>
public sealed record AdminFigures(
    IReadOnlyDictionary<string, int> MerchantsByState,
    IReadOnlyList<DailyTotal> CollectedDaily,
    long Collected30Days,
    long SubscriptionRevenue30Days,
    int SubscriptionPayments30Days,
    long SubscriptionRevenueAllTime,
    int SubscriptionPaymentsAllTime,
    int FinishedPushes7Days,
    IReadOnlyList<ResultCodeRate> Failures7Days);
