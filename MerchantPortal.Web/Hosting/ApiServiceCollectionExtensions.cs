using FluentValidation;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Web.Features.C2B;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.HttpLogging;

namespace MerchantPortal.Web.Hosting;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The feature services, their validators, the action router and its guards.</summary>
    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AppOptions>(builder.Configuration.GetSection(AppOptions.Section));
        services.AddListSettings();
        services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        // The API's description, generated from the /api/{action} endpoints (Api/ActionEndpoints.cs).
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<Api.ActionOpenApi>());

        services.AddScoped<AccountService>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<ProfileService>();
        services.AddScoped<Features.Members.MembershipResolver>();
        services.AddScoped<Features.Members.MemberService>();
        services.AddScoped<Features.Members.InvitationService>();
        services.AddScoped<Features.Members.BusinessAuditLog>();
        services.AddScoped<Features.Members.BusinessAuditQuery>();
        services.AddScoped<Features.Business.BusinessProfileService>();
        services.AddScoped<Features.Business.BusinessClosingService>();
        services.AddScoped<PaymentAccountService>();
        services.AddScoped<PaymentAccountLifecycleService>();
        services.AddScoped<AccountCredentialsService>();
        services.AddScoped<DarajaReadiness>();
        services.AddScoped<PaymentLinkService>();
        services.AddScoped<C2BAttribution>();
        services.AddScoped<C2BRecorder>();
        services.AddScoped<C2BRegistrar>();
        services.AddScoped<C2BSettingsService>();
        services.AddScoped<C2BSimulationService>();
        services.AddScoped<C2BValidationService>();
        services.AddScoped<PullRegistrar>();
        services.AddScoped<PullTransactionsPuller>();
        services.AddScoped<PullTransactionsService>();
        services.AddScoped<Features.Statements.StatementImportService>();
        services.AddScoped<Features.Statements.StatementReviewService>();
        services.AddScoped<Features.Statements.StatementResolutionService>();
        services.AddScoped<Features.Statements.StatementPaymentRecorder>();
        // The API request log: queued by the router, saved in batches off the request thread.
        services.AddSingleton<Features.RequestLogs.RequestLogWriter>();
        services.AddHostedService<Features.RequestLogs.RequestLogFlusher>();
        services.AddScoped<Features.RequestLogs.RequestLogService>();
        services.AddScoped<LinkCodeService>();
        services.AddScoped<LinkCollections>();
        services.AddScoped<UnmatchedPayments>();
        services.AddScoped<MenuIntentService>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<AuthenticatedMerchant>();
        services.AddScoped<PaymentService>();
        services.AddScoped<PaymentStateMachine>();
        services.AddScoped<PaymentDayTotals>();
        services.AddScoped<PaymentReceipts>();
        services.AddScoped<TransactionOutcomeService>();
        services.AddScoped<Features.Reversals.ReversalService>();
        services.AddScoped<Features.Reversals.ReversalSender>();
        services.AddScoped<Features.Reversals.ReversalResults>();
        services.AddScoped<Features.Reversals.InitiatorService>();
        services.AddScoped<TransactionJournal>();
        services.AddScoped<MerchantPortal.Web.Features.Idempotency.IdempotencyService>();
        services.AddScoped<MerchantPortal.Web.Features.Idempotency.CurrentIdempotencyClaim>();
        services.AddScoped<TransactionQueryService>();
        services.AddScoped<Features.Counter.CounterService>();
        services.AddScoped<TransactionListService>();
        services.AddScoped<TransactionDetailsService>();
        services.AddScoped<TransactionExportService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<Features.Onboarding.OnboardingService>();
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<PageCursors>();
        services.AddScoped<IRateLimitCounters, SqlRateLimitCounters>();
        services.AddScoped<PortalRateLimiters>();
        services.AddHostedService<RateLimitCounterPruner>();
        services.AddHostedService<Features.Reversals.ReversalResender>();
        // Identity's own lockout is the per-account cap; the per-address one is PortalRateLimiters' (decision 10).
        services.AddOptions<Microsoft.AspNetCore.Identity.IdentityOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>((identity, limits) =>
            {
                identity.Lockout.MaxFailedAccessAttempts = Math.Max(1, limits.Value.FailedSignInsPerAccount);
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(Math.Max(1, limits.Value.SignInLockoutMinutes));
            });
        AddValidators(services);

        services.AddControllers();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        services.AddHttpLogging(o =>
        {
            // Method, path, status and time only: query strings and bodies may hold keys, passwords or phones.
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        services.AddHttpLoggingInterceptor<RedactingHttpLoggingInterceptor>();
        return builder;
    }

    /// <summary>Validators are stateless: one instance each, found by convention beside their requests.</summary>
    private static void AddValidators(IServiceCollection services)
    {
        var validators = typeof(ApiServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
                .Select(i => (Service: i, Implementation: t)));
        foreach (var (service, implementation) in validators)
        {
            services.AddSingleton(service, implementation);
        }
    }
}
