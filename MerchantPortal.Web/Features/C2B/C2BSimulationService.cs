using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>simulate_c2b and the dashboard's button: a customer pays an account from the M-Pesa menu (simulator only).</summary>
/// <param name="PaymentId">Null: the primary account.</param>
public sealed record SimulateC2BRequest(string? PaymentId, string? Phone, string? Amount, string? BillRef);

/// <summary>
/// Makes the built-in simulator's customer pay one of the merchant's accounts from the M-Pesa menu, through the same
/// Daraja call a sandbox would take (C2B simulate). Refused unless the portal's M-Pesa is the simulator: elsewhere it
/// would be a real payment or Safaricom's sandbox. The transaction appears when the simulator's confirmation arrives.
/// </summary>
public sealed class C2BSimulationService(
    PortalDbContext db,
    DarajaClient daraja,
    DarajaCredentialsProvider credentials,
    IOptionsMonitor<MpesaOptions> mpesa,
    Modes.DataMode mode)
{
    /// <summary>Daraja's limit on the account number a customer types.</summary>
    private const int MaxBillRef = 20;

    /// <returns>The receipt the simulator assigned (null if it named none).</returns>
    public async Task<Result<string?>> SimulateAsync(string merchantId, SimulateC2BRequest request, CancellationToken cancellationToken)
    {
        // The confirmation comes back through M-Pesa's C2B callback, which records live payments only.
        if (mode.RefuseInTestMode("Simulating a payment from the M-Pesa menu") is { } liveOnly)
        {
            return liveOnly;
        }

        if (!mpesa.CurrentValue.IsSimulator)
        {
            return ServiceError.Conflict("not_simulated", "Payments from the M-Pesa menu can be simulated only while the portal's M-Pesa is the simulator.");
        }

        if (!Phones.TryNormalize(request.Phone, out var phone))
        {
            return ServiceError.Invalid("invalid_phone", "phone is not a valid phone number. " + Phones.FormatHelp, "phone");
        }

        if (!Amounts.TryParse(request.Amount, out var amount, out var amountError))
        {
            return ServiceError.Invalid("invalid_amount", "amount " + amountError, "amount");
        }

        var billRef = string.IsNullOrWhiteSpace(request.BillRef) ? null : request.BillRef.Trim();
        if (billRef?.Length > MaxBillRef)
        {
            return ServiceError.Invalid("invalid_bill_ref", $"bill_ref must be at most {MaxBillRef} characters, as M-Pesa allows.", "bill_ref");
        }

        var accounts = db.PaymentAccounts.AsNoTracking().Where(a => a.MerchantId == merchantId && a.DeletedAt == null);
        PaymentAccount? account;
        if (request.PaymentId is null)
        {
            account = await accounts.OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        }
        else
        {
            account = PaymentIds.TryParse(request.PaymentId, out var sequence)
                ? await accounts.SingleOrDefaultAsync(a => a.Sequence == sequence, cancellationToken)
                : null;
        }

        if (account is null)
        {
            return request.PaymentId is null
                ? ServiceError.Conflict("no_payment_account", "Add a payment account first: the simulated customer pays into it.")
                : PaymentAccountService.NotFound(request.PaymentId);
        }

        var isTill = account.Type == PaymentAccountTypes.Till;
        var command = new C2BSimulateCommand(account.Number, isTill ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline", amount, phone,
            isTill ? null : billRef);
        var answer = await daraja.SimulateC2BAsync(credentials.For(account), command, cancellationToken);
        if (!answer.Succeeded)
        {
            return new ServiceError(ErrorKind.Upstream, "mpesa_rejected", $"The simulated M-Pesa refused the payment: {answer.Failure!.Code} {answer.Failure.Message}");
        }

        return answer.Value!.Receipt;
    }
}
