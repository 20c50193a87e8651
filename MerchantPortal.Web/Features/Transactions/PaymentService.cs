using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>Starts STK pushes: the row is written first, then Daraja is asked, then the row gets Daraja's ids.</summary>
public sealed class PaymentService(
    PortalDbContext db,
    DarajaClient daraja,
    DarajaCredentialsProvider credentials,
    DarajaReadiness readiness,
    PublicUrls urls,
    IValidator<StkPushRequest> stkValidator,
    IValidator<PayFromLinkRequest> linkValidator,
    IOptionsMonitor<MpesaOptions> reconcile,
    TimeProvider time,
    TransactionJournal journal,
    PaymentStateMachine states,
    Subscriptions.SubscriptionGate subscriptions,
    Modes.DataMode mode,
    Idempotency.CurrentIdempotencyClaim claim,
    ILogger<PaymentService> logger)
{
    /// <param name="initiatedById">The person asking from a session (the counter, a signed-in api_stk), kept on the payment.</param>
    public async Task<Result<PushStarted>> StartStkAsync(
        string merchantId, StkPushRequest request, CancellationToken cancellationToken, string? initiatedById = null)
    {
        var validation = await stkValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        // Test mode moves no money, so a merchant can build an integration before paying for the portal.
        var livemode = mode.ForNewRows;
        if (livemode && await subscriptions.RefusePaymentsAsync(merchantId, cancellationToken) is { } refused)
        {
            return refused;
        }

        Phones.TryNormalize(request.Phone, out var phone);
        Amounts.TryParse(request.Amount, out var amount, out _);
        var found = await FindAccountAsync(merchantId, request.PaymentId, null, (phone, amount, livemode), cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var account = found.Value!.Account;
        var reference = request.Reference?.Trim() ?? account.AccountReference ?? "Payment";
        return await PushAsync(account, phone, amount, null, reference, request.Description?.Trim(), request.CallbackUrl, livemode,
            cancellationToken, duplicatePending: found.Value.DuplicatePending, initiatedById: initiatedById);
    }

    /// <param name="tryingMerchantId">
    /// The signed-in merchant when they asked to try the link in test mode: the payment is a test one (through the
    /// simulator) only when the link is theirs. Anyone else's payment on a link is live.
    /// </param>
    public async Task<Result<PushStarted>> PayFromLinkAsync(
        PayFromLinkRequest request, CancellationToken cancellationToken, string? tryingMerchantId = null)
    {
        var validation = await linkValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var link = await (from l in db.PaymentLinks
                          join m in db.Users on l.MerchantId equals m.Id
                          where m.PublicId == request.Uid && l.PublicId == request.Lid && l.DeletedAt == null
                          select l).SingleOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return ServiceError.NotFound("link_not_found", "This payment link does not exist.");
        }

        if (!link.IsActive)
        {
            return ServiceError.Conflict("link_inactive", "This payment link is not accepting payments.");
        }

        var livemode = tryingMerchantId is null || tryingMerchantId != link.MerchantId;
        if (livemode && await subscriptions.RefusePaymentsAsync(link.MerchantId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var amount = LinkAmounts.Charge(link, request.Amount);
        if (!amount.Succeeded)
        {
            return amount.Error!;
        }

        var account = await FindAccountAsync(link.MerchantId, null, link.PaymentAccountId, null, cancellationToken);
        if (!account.Succeeded)
        {
            return new ServiceError(ErrorKind.Conflict, "merchant_not_ready", "This merchant cannot take payments yet.");
        }

        Phones.TryNormalize(request.Phone, out var phone);
        var reference = account.Value!.Account.AccountReference ?? link.Title;
        // No description is stored for a pay-page payment: the link's title is its own column (read live, so a renamed
        // link reads the same everywhere), and a copy here would show it twice and go stale. Description stays what a
        // merchant's script said through api_stk.
        var started = await PushAsync(account.Value!.Account, phone, amount.Value, link, reference, null, null, livemode, cancellationToken);
        // What the merchant must add is theirs to read on the dashboard; the customer is only told it cannot be paid yet.
        return started.Error?.Code is DarajaReadiness.CredentialsRequired or DarajaReadiness.StoreNumberRequired
            ? new ServiceError(ErrorKind.Conflict, "merchant_not_ready", "This merchant cannot take payments yet.")
            : started;
    }

    /// <summary>
    /// A push into the operator's billing account. <paramref name="purpose"/> names the subscription it pays for and
    /// is saved with the transaction row before Daraja is asked, so a payment settled at once is already known as a
    /// billing payment. The subscription rules are the caller's; what a paid one does is its move handler's.
    /// </summary>
    public Task<Result<PushStarted>> StartBillingAsync(
        PaymentAccount platformAccount, string phone, long amount, string reference, SubscriptionPayment purpose,
        CancellationToken cancellationToken) =>
        PushAsync(platformAccount, phone, amount, null, reference, "Subscription", null, livemode: true, cancellationToken, purpose);

    /// <summary>
    /// The account to push to; with <paramref name="push"/>, whether that payment is already waiting on it, asked in
    /// the same query (one round trip fewer on every api_stk).
    /// </summary>
    private async Task<Result<AccountForPush>> FindAccountAsync(
        string merchantId, string? paymentId, long? accountId, (string Phone, long Amount, bool Livemode)? push, CancellationToken cancellationToken)
    {
        var accounts = db.PaymentAccounts.AsNoTracking().Where(a => a.MerchantId == merchantId && a.DeletedAt == null);
        AccountForPush? account;
        if (paymentId is not null)
        {
            PaymentIds.TryParse(paymentId, out var sequence);
            account = await WithDuplicateCheck(accounts.Where(a => a.Sequence == sequence), push).SingleOrDefaultAsync(cancellationToken);
            return account is null
                ? ServiceError.NotFound("payment_account_not_found", $"No payment account {paymentId} on this merchant.")
                : account;
        }

        account = accountId is not null
            ? await WithDuplicateCheck(accounts.Where(a => a.Id == accountId), push).SingleOrDefaultAsync(cancellationToken)
            : null;
        account ??= await WithDuplicateCheck(accounts.OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Sequence), push)
            .FirstOrDefaultAsync(cancellationToken);
        return account is null
            ? new ServiceError(ErrorKind.Conflict, "no_payment_account",
                "Add a payment account (save_payment_account) before taking payments.")
            : account;
    }

    private IQueryable<AccountForPush> WithDuplicateCheck(IQueryable<PaymentAccount> accounts, (string Phone, long Amount, bool Livemode)? push)
    {
        if (push is not { } payment)
        {
            return accounts.Select(a => new AccountForPush(a, null));
        }

        var waiting = Waiting(payment.Phone, payment.Amount, payment.Livemode);
        return accounts.Select(a => new AccountForPush(a, waiting.Any(t => t.PaymentAccountId == a.Id)));
    }

    /// <summary>
    /// The duplicate-pending guard's rule, once: the same phone and amount still waiting for the customer's PIN, within
    /// the reconciliation horizon (on any account; the caller names which), in the same mode: a test prompt is the
    /// simulator's and never holds up a live one.
    /// </summary>
    private IQueryable<PaymentTransaction> Waiting(string phone, long amount, bool livemode)
    {
        var since = time.GetUtcNow().AddMinutes(-reconcile.CurrentValue.Reconcile.HorizonMinutes);
        return db.AllTransactions.Where(t => t.Phone == phone && t.Amount == amount && t.Status == TransactionStatuses.Pending
            && t.CreatedAt >= since && t.Livemode == livemode);
    }

    /// <param name="duplicatePending">Whether the same payment is already waiting, when the caller asked already.</param>
    private async Task<Result<PushStarted>> PushAsync(
        PaymentAccount account, string phone, long amount, PaymentLink? link, string reference, string? description, string? callbackUrl,
        bool livemode, CancellationToken cancellationToken, SubscriptionPayment? purpose = null, bool? duplicatePending = null,
        string? initiatedById = null)
    {
        // Refused before any row or Daraja call: an idempotency key must not keep it (PushAttempt). Daraja's live rules
        // (the account's own app, a till's store number) do not bind a test payment, which the simulator takes.
        if (livemode && readiness.RefusePush(account) is { } notReady)
        {
            PortalTelemetry.StkPush("refused");
            return notReady;
        }

        if (!credentials.TryFor(account, livemode, out var app))
        {
            PortalTelemetry.StkPush("refused");
            return new ServiceError(ErrorKind.Upstream, "account_credentials_unreadable",
                $"The Daraja credentials saved for {account.PaymentId} can no longer be read: enter them again.");
        }

        // Daraja would lock the subscriber anyway, and a customer who taps Pay twice must not pay twice. The guard stays
        // a query (api_stk asks it with the account, in one round trip) rather than a unique partial index: an index
        // cannot say "created within the horizon", and a payment still pending past it (the reconciler not yet round)
        // would then refuse every later push of that amount from that phone until it moved.
        if (duplicatePending ?? await Waiting(phone, amount, livemode).AnyAsync(t => t.PaymentAccountId == account.Id, cancellationToken))
        {
            PortalTelemetry.StkPush("refused");
            return new ServiceError(ErrorKind.Conflict, "duplicate_pending",
                $"A payment of {Amounts.Format(amount)} from this phone is already waiting for the customer's PIN. Wait for it to finish before asking again.");
        }

        description = string.IsNullOrWhiteSpace(description) ? null : Truncate(description.Trim(), 13);
        var isTill = account.Type == PaymentAccountTypes.Till;
        var shortCode = isTill ? credentials.TillHeadOffice(account) : account.Number;
        var transaction = new PaymentTransaction
        {
            MerchantId = account.MerchantId,
            PublicId = Ids.NewTransactionId(),
            PaymentAccountId = account.Id,
            PaymentId = account.PaymentId,
            PaymentLinkId = link?.Id,
            LinkPublicId = link?.PublicId,
            Amount = amount,
            Phone = phone,
            CallbackToken = Ids.NewCallbackToken(),
            CallbackUrl = callbackUrl,
            StatusToken = Ids.NewCallbackToken(),
            BusinessShortCode = shortCode,
            AccountReference = AccountReferences.ForDaraja(reference),
            Description = description,
            CreatedAt = time.GetUtcNow(),
            NextCheckAt = time.GetUtcNow().AddSeconds(reconcile.CurrentValue.Reconcile.AfterSeconds),
            Livemode = livemode,
            IdempotencyRecordId = claim.Id,
            InitiatedById = initiatedById,
        };
        db.AllTransactions.Add(transaction);
        if (purpose is not null)
        {
            purpose.Transaction = transaction;
            db.SubscriptionPayments.Add(purpose);
        }

        // Its "created" step is the row itself (TransactionJournal.Created): the insert is one statement.
        if (!await InsertAsync(cancellationToken))
        {
            PortalTelemetry.StkPush("refused");
            return ServiceError.Conflict("idempotency_in_progress",
                "A retry with this Idempotency-Key took this request over (it ran too long): follow that retry's answer.");
        }

        PortalTelemetry.TagTransaction(transaction.PublicId);

        var command = new StkPushCommand(
            isTill ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline",
            shortCode,
            isTill ? account.Number : shortCode,
            amount,
            phone,
            urls.StkCallback(transaction.CallbackToken),
            transaction.AccountReference,
            description ?? "Payment");

        // Daraja is asked even if our caller goes away: the row exists and must learn its Daraja ids.
        var answer = await daraja.StkPushAsync(app, command, CancellationToken.None);
        if (answer.Succeeded)
        {
            var accepted = answer.Value!;
            // The row is still tracked from its insert: its checkout ids and the push's timeline entry are one save,
            // one batch on PostgreSQL, which runs a batch as one implicit transaction (so EF's BEGIN/COMMIT would be a
            // round trip for nothing). SQLite runs them one by one, as the two saves before did.
            transaction.CheckoutRequestId = accepted.CheckoutRequestId;
            transaction.MerchantRequestId = accepted.MerchantRequestId;
            journal.Pushed(transaction, answer);
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            finally
            {
                db.Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
            }

            PaymentLog.PushAccepted(logger, transaction.PublicId, Phones.Mask(phone));
            PortalTelemetry.StkPush("accepted");
            return new PushStarted(transaction.PublicId, accepted.CheckoutRequestId, TransactionStatuses.Pending,
                accepted.CustomerMessage, transaction.StatusToken);
        }

        return await RecordPushFailureAsync(transaction, answer);
    }

    /// <summary>
    /// Saves the new payment. Under an idempotency key its claim is marked started in the same transaction, so a retry
    /// that judges the request abandoned either finds this payment or has removed the claim first; then nothing is
    /// saved (false) and nothing is pushed. Without a key, one save as before.
    /// </summary>
    private async Task<bool> InsertAsync(CancellationToken cancellationToken)
    {
        if (claim.Id is not { } claimId)
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }

        await using var unit = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (!await Idempotency.IdempotencyService.MarkStartedAsync(db, claimId, cancellationToken))
        {
            await unit.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return false;
        }

        await unit.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The payment a request started under an idempotency claim, answered as its push was (for a retry whose first
    /// request's instance stopped before answering); null when it started none. Its checkout id is null when the
    /// instance stopped before Daraja's answer was stored (the callback still settles it).
    /// </summary>
    public async Task<PushStarted?> StartedUnderClaimAsync(long claimId, CancellationToken cancellationToken)
    {
        var row = await db.AllTransactions.AsNoTracking().Where(t => t.IdempotencyRecordId == claimId)
            .Select(t => new { t.PublicId, t.CheckoutRequestId, t.Status, t.StatusToken }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new PushStarted(row.PublicId, row.CheckoutRequestId, row.Status,
            "This payment was started by the first request with this Idempotency-Key.", row.StatusToken);
    }

    private async Task<ServiceError> RecordPushFailureAsync(PaymentTransaction transaction, DarajaResult<StkPushAccepted> answer)
    {
        var data = new { transaction_id = transaction.PublicId };
        var failure = answer.Failure!;
        PortalTelemetry.StkPush(failure.Kind == DarajaFailureKind.Unavailable ? "unavailable" : "rejected");
        if (failure.Kind == DarajaFailureKind.Unavailable)
        {
            await journal.PushedAsync(transaction, answer);
            // No answer, or one that does not prove the push was refused (a 5xx, a gateway fault, a page of HTML): it
            // may have reached the phone, so the row stays pending and its callback still settles it.
            logger.LogWarning("STK push {TransactionId} got no clear answer from Daraja: {Code}", transaction.PublicId, failure.Code);
            return new ServiceError(ErrorKind.Upstream, "mpesa_unavailable",
                $"M-Pesa did not give a clear answer. The payment may still go through: check transaction {transaction.PublicId} before retrying.",
                Data: data) { PendingStatusToken = transaction.StatusToken };
        }

        // Refused unprocessed: failed, with Daraja's answer on the timeline and the events the move raises.
        await states.MoveAsync(transaction.Id, new PaymentMove(TransactionStatuses.Failed, failure.Code, failure.Message),
            _ => journal.PushedAsync(transaction, answer), CancellationToken.None);

        if (failure.Message.Contains("lock subscriber", StringComparison.OrdinalIgnoreCase))
        {
            return new ServiceError(ErrorKind.Conflict, "subscriber_busy",
                "The customer already has an M-Pesa prompt open. Wait a minute, then try again.", Data: data);
        }

        // Blocked: no token, so nothing reached M-Pesa; its message says Safaricom is unavailable or blocking this server.
        return new ServiceError(ErrorKind.Upstream, "mpesa_rejected", failure.Kind == DarajaFailureKind.Blocked
            ? $"The payment request was not sent: {failure.Message}"
            : $"M-Pesa refused the payment request: {failure.Message}", Data: data);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    /// <param name="DuplicatePending">Null when it was not asked (the push asks it itself).</param>
    private sealed record AccountForPush(PaymentAccount Account, bool? DuplicatePending);
}
