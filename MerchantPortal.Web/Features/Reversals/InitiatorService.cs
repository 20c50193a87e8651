using System.Text.RegularExpressions;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Members;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Reversals;

/// <summary>What the dashboard may show of an account's initiator: its name, never the credential.</summary>
public sealed record InitiatorStatus(string PaymentId, string? InitiatorName, bool HasCredential);

/// <summary>
/// An account's initiator for reversals: the API operator created in the M-Pesa organisation portal with the reversal
/// role, and its security credential. The credential is stored encrypted (Data Protection, its own purpose) and never
/// shown again; changes go to the business's audit log.
/// </summary>
public sealed partial class InitiatorService(PortalDbContext db, ReversalSender sender, BusinessAuditLog audit)
{
    public async Task<Result<InitiatorStatus>> GetAsync(string merchantId, string paymentId, CancellationToken cancellationToken)
    {
        var account = await db.PaymentAccounts.FindLiveAsync(merchantId, paymentId, cancellationToken);
        return account is null
            ? NotFound()
            : new InitiatorStatus(account.PaymentId, account.InitiatorName, !string.IsNullOrEmpty(account.InitiatorCredentialProtected));
    }

    public async Task<Result<InitiatorStatus>> SaveAsync(
        SignedInMerchant me, string paymentId, string? name, string? credential, CancellationToken cancellationToken)
    {
        var account = await TrackedAsync(me.Id, paymentId, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        var trimmed = name?.Trim() ?? "";
        var packed = Whitespace().Replace(credential ?? "", "");
        var problems = new Dictionary<string, string>();
        if (!InitiatorName().IsMatch(trimmed))
        {
            problems["initiator_name"] = "The initiator name is 2 to 64 letters, digits, '_', '.' or '-', as in the M-Pesa portal.";
        }

        if (!SecurityCredential().IsMatch(packed))
        {
            problems["security_credential"] =
                "Paste the security credential the Daraja portal generated for this initiator (base64 text, 20 to 2,000 characters).";
        }

        if (problems.Count > 0)
        {
            return new ServiceError(ErrorKind.Invalid, problems.ContainsKey("initiator_name") ? "invalid_initiator" : "invalid_security_credential",
                string.Join(" ", problems.Values), problems);
        }

        account.InitiatorName = trimmed;
        account.InitiatorCredentialProtected = sender.Protect(packed);
        await audit.RecordAsync(me, BusinessAuditActions.InitiatorChange, account.PaymentId, $"initiator {trimmed}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new InitiatorStatus(account.PaymentId, trimmed, true);
    }

    public async Task<Result<InitiatorStatus>> ClearAsync(SignedInMerchant me, string paymentId, CancellationToken cancellationToken)
    {
        var account = await TrackedAsync(me.Id, paymentId, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        account.InitiatorName = account.InitiatorCredentialProtected = null;
        await audit.RecordAsync(me, BusinessAuditActions.InitiatorChange, account.PaymentId, "initiator removed", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new InitiatorStatus(account.PaymentId, null, false);
    }

    private async Task<Data.Entities.PaymentAccount?> TrackedAsync(string merchantId, string paymentId, CancellationToken cancellationToken) =>
        PaymentIds.TryParse(paymentId, out var sequence)
            ? await db.PaymentAccounts.SingleOrDefaultAsync(a => a.MerchantId == merchantId && a.Sequence == sequence && a.DeletedAt == null, cancellationToken)
            : null;

    private static ServiceError NotFound() => ServiceError.NotFound("payment_account_not_found", "No payment account with that payment_id on this account.");

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{2,64}$")]
    private static partial Regex InitiatorName();

    [GeneratedRegex(@"^[A-Za-z0-9+/=_-]{20,2000}$")]
    private static partial Regex SecurityCredential();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
