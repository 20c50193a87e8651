using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>An account's settings for payments from the M-Pesa menu and how its URLs' last registration went.</summary>
/// <param name="RegisteredAt">When Daraja (or the portal, for an account not ready) last answered; null: never tried.</param>
public sealed record C2BSettingsDto(
    string PaymentId, string Type, string Number, bool Validation, string ResponseType, DateTimeOffset? RegisteredAt, bool RegistrationOk, string? RegistrationAnswer);

/// <param name="ResponseType">What Daraja does when the validation URL does not answer in time: Completed or Cancelled.</param>
public sealed record SaveC2BSettingsRequest(bool Validation, string? ResponseType);

/// <summary>The account page's C2B panel and the register_c2b_urls action: settings, and registering again on demand.</summary>
public sealed class C2BSettingsService(PortalDbContext db, C2BRegistrar registrar, TimeProvider time, Modes.DataMode mode)
{
    public static readonly string[] ResponseTypes = ["Completed", "Cancelled"];

    public async Task<Result<C2BSettingsDto>> GetAsync(string merchantId, string? paymentId, CancellationToken cancellationToken) =>
        await FindAsync(merchantId, paymentId, cancellationToken) is { } account ? ToDto(account) : PaymentAccountService.NotFound(paymentId);

    public async Task<Result<C2BSettingsDto>> RegisterAgainAsync(string merchantId, string? paymentId, CancellationToken cancellationToken)
    {
        if (mode.RefuseInTestMode("Registering C2B URLs with M-Pesa") is { } liveOnly)
        {
            return liveOnly;
        }

        if (string.IsNullOrWhiteSpace(paymentId))
        {
            return ServiceError.Invalid("invalid_payment_id", "payment_id is required: the account (#00001…) whose URLs to register.", "payment_id");
        }

        var account = await FindAsync(merchantId, paymentId, cancellationToken);
        if (account is null)
        {
            return PaymentAccountService.NotFound(paymentId);
        }

        await registrar.RegisterAsync(account.Id, cancellationToken);
        return ToDto((await FindAsync(merchantId, paymentId, cancellationToken))!);
    }

    /// <summary>Saves validation and ResponseType, then registers again: the validation URL is registered only when on.</summary>
    public async Task<Result<C2BSettingsDto>> SaveAsync(
        string merchantId, string? paymentId, SaveC2BSettingsRequest request, CancellationToken cancellationToken)
    {
        var account = await FindAsync(merchantId, paymentId, cancellationToken);
        if (account is null)
        {
            return PaymentAccountService.NotFound(paymentId);
        }

        // Daraja takes exactly "Completed" or "Cancelled"; people may type either in any case.
        var responseType = ResponseTypes.FirstOrDefault(t => string.Equals(t, request.ResponseType?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (responseType is null)
        {
            return ServiceError.Invalid("invalid_response_type", "response_type must be \"Completed\" or \"Cancelled\".", "response_type");
        }

        await db.PaymentAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.C2BValidation, request.Validation)
            .SetProperty(a => a.C2BResponseType, responseType)
            .SetProperty(a => a.UpdatedAt, time.GetUtcNow()), cancellationToken);
        await registrar.RegisterAsync(account.Id, cancellationToken);
        return ToDto((await FindAsync(merchantId, paymentId, cancellationToken))!);
    }

    private Task<PaymentAccount?> FindAsync(string merchantId, string? paymentId, CancellationToken cancellationToken) =>
        db.PaymentAccounts.FindLiveAsync(merchantId, paymentId, cancellationToken);

    private static C2BSettingsDto ToDto(PaymentAccount a) => new(
        a.PaymentId, a.Type, a.Number, a.C2BValidation, a.C2BResponseType, a.C2BRegisteredAt, a.C2BRegistrationOk, a.C2BRegistrationAnswer);
}
