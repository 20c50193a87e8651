using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Mpesa;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Reversals;

/// <summary>
/// Sends an approved reversal to M-Pesa's Reversal API with the account's initiator. M-Pesa's answer only accepts the
/// request: the outcome comes later (<see cref="ReversalResults"/>). A refusal fails the reversal at once; no clear
/// answer leaves it pending with a note, since M-Pesa may have taken it: <see cref="ReversalResender"/> asks again
/// when no result came.
/// </summary>
public sealed class ReversalSender(
    PortalDbContext db,
    DarajaClient daraja,
    DarajaCredentialsProvider credentials,
    IDataProtectionProvider dataProtection,
    IOptionsMonitor<MpesaOptions> options,
    PublicUrls urls,
    Transactions.TransactionJournal journal,
    TimeProvider time,
    ILogger<ReversalSender> logger)
{
    /// <summary>The Data Protection purpose of initiators' security credentials (a new scheme gets a new suffix).</summary>
    public const string Purpose = "MerchantPortal.PaymentAccount.Initiator.v1";

    private readonly IDataProtector protector = dataProtection.CreateProtector(Purpose);

    public string Protect(string credential) => protector.Protect(credential);

    /// <summary>Why this payment's account cannot send a reversal, or null when it can.</summary>
    public async Task<ServiceError?> RefuseAsync(PaymentTransaction payment, CancellationToken cancellationToken)
    {
        var account = await db.PaymentAccounts.AsNoTracking().SingleAsync(a => a.Id == payment.PaymentAccountId, cancellationToken);
        return Initiator(account, payment.Livemode) is null
            ? ServiceError.Conflict("reversal_credentials_required",
                $"{account.PaymentId} has no initiator for reversals: add one under Payment accounts → Daraja credentials.")
            : null;
    }

    public Task SendAsync(long reversalId, CancellationToken cancellationToken) => AskAsync(reversalId, null, cancellationToken);

    /// <summary>
    /// Asks M-Pesa again for a reversal it gave no result for (sent <paramref name="attemptsSeen"/> times). Safe because
    /// M-Pesa reverses a receipt once: a reversal that went through is answered "already reversed" (R000001), which
    /// settles it as reversed; one that did not is done now or refused as before.
    /// </summary>
    public Task AskAgainAsync(long reversalId, int attemptsSeen, CancellationToken cancellationToken) =>
        AskAsync(reversalId, attemptsSeen, cancellationToken);

    private async Task AskAsync(long reversalId, int? attemptsSeen, CancellationToken cancellationToken)
    {
        var due = Due(db.Reversals.AsNoTracking(), reversalId, attemptsSeen);
        var found = await (from r in due
                           join t in db.AllTransactions on r.TransactionId equals t.Id
                           join a in db.PaymentAccounts on t.PaymentAccountId equals a.Id
                           select new { Reversal = r, Payment = t, Account = a }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return;
        }

        var (reversal, payment, account) = (found.Reversal, found.Payment, found.Account);
        var initiator = Initiator(account, payment.Livemode);
        if (initiator is null || !credentials.TryFor(account, payment.Livemode, out var app))
        {
            await FailAsync(reversal, "credentials", "The account's Daraja credentials or initiator can no longer be read: enter them again.", cancellationToken);
            return;
        }

        // Marked sent (once more) before asking, so nothing else sends it at the same time; the answer fills in the rest.
        var now = time.GetUtcNow();
        if (await Due(db.Reversals, reversal.Id, attemptsSeen)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.SubmittedAt, now).SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken) == 0)
        {
            return;
        }

        if (attemptsSeen is { } seen)
        {
            await journal.ReversalAsync(payment.Id, payment.MerchantId,
                $"No result from M-Pesa yet: the reversal is asked again (attempt {seen + 1}).", null);
        }

        var command = new ReversalCommand(initiator.Value.Name, initiator.Value.Credential, payment.Receipt!, payment.Amount,
            payment.BusinessShortCode ?? account.Number, urls.ReversalCallback(reversal.CallbackToken, timeout: false),
            urls.ReversalCallback(reversal.CallbackToken, timeout: true), reversal.Reason, reversal.PublicId);
        var answer = await daraja.ReversalAsync(app, command, CancellationToken.None);
        if (answer.Succeeded)
        {
            await db.Reversals.Where(r => r.Id == reversal.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConversationId, answer.Value!.ConversationId), CancellationToken.None);
            await journal.ReversalAsync(payment.Id, payment.MerchantId,
                $"M-Pesa accepted the reversal request ({answer.Value!.ConversationId}); its result follows.", answer.Exchange);
            return;
        }

        var failure = answer.Failure!;
        if (failure.Kind == DarajaFailureKind.Unavailable)
        {
            logger.LogWarning("Reversal {ReversalId}: M-Pesa gave no clear answer ({Code})", reversal.PublicId, failure.Code);
            await db.Reversals.Where(r => r.Id == reversal.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResultDesc,
                "M-Pesa gave no clear answer to the request: it may still be reversed. Check the M-Pesa organisation portal."), CancellationToken.None);
            await journal.ReversalAsync(payment.Id, payment.MerchantId, $"M-Pesa gave no clear answer to the reversal request ({failure.Code}).", answer.Exchange);
            return;
        }

        await FailAsync(reversal, failure.Code, failure.Message, CancellationToken.None);
        await journal.ReversalAsync(payment.Id, payment.MerchantId, $"M-Pesa refused the reversal: {failure.Code} {failure.Message}", answer.Exchange);
    }

    /// <summary>The reversal as it must still be to be sent: never sent, or sent exactly as many times as was seen.</summary>
    private static IQueryable<PaymentReversal> Due(IQueryable<PaymentReversal> reversals, long id, int? attemptsSeen)
    {
        var pending = reversals.Where(r => r.Id == id && r.Status == ReversalStatuses.Pending);
        return attemptsSeen is { } seen
            ? pending.Where(r => r.SubmittedAt != null && r.Attempts == seen && r.ResultCode == null)
            : pending.Where(r => r.SubmittedAt == null);
    }

    private Task FailAsync(PaymentReversal reversal, string code, string description, CancellationToken cancellationToken) =>
        ReversalRows.FailAsync(db, reversal.Id, code, description, time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// The account's own initiator; a test payment, or any with the lenient simulator, may use the simulator's test
    /// initiator instead (as Daraja's sandbox offers one). Null when there is none to use.
    /// </summary>
    private (string Name, string Credential)? Initiator(PaymentAccount account, bool livemode)
    {
        if (!string.IsNullOrEmpty(account.InitiatorName) && !string.IsNullOrEmpty(account.InitiatorCredentialProtected))
        {
            try
            {
                return (account.InitiatorName, protector.Unprotect(account.InitiatorCredentialProtected));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                return null;
            }
        }

        var o = options.CurrentValue;
        return !livemode || !o.AppliesLiveRules ? (o.SimulatorInitiator, "simulated-security-credential") : null;
    }
}
