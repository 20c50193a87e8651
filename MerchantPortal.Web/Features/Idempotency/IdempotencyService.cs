using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Idempotency;

/// <summary>An answer as it was sent: HTTP status and JSON body.</summary>
public sealed record StoredAnswer(int Status, string Body);

/// <summary>
/// The first run's answer and whether it is kept for the key. As Stripe does, only an answer given once the push was
/// attempted is kept: a refusal before it (invalid fields, 402, 429, a duplicate pending payment) frees the key, so
/// the corrected request with the same key runs for real.
/// </summary>
public sealed record KeyedAnswer(StoredAnswer Answer, bool Keep);

/// <summary>
/// Idempotency keys for the actions that start a push. The first request with a key inserts a claim row (the
/// unique index decides between concurrent ones), runs, and stores its answer when it is kept; every retry with the
/// same key and the same parameters gets that answer back without a second push; other parameters are a 409.
/// Keys live 24 hours. A key belongs to its mode: the same key sent with a test key and with a live key are two keys.
/// </summary>
public sealed class IdempotencyService(
    PortalDbContext db, TimeProvider time, Modes.DataMode mode, CurrentIdempotencyClaim current,
    Microsoft.Extensions.Options.IOptionsMonitor<Mpesa.MpesaOptions> mpesa, ILogger<IdempotencyService> logger)
{
    /// <summary>The request header that carries the key; the <c>idempotency_key</c> field is the form's spelling.</summary>
    public const string Header = "Idempotency-Key";
    public const string Field = "idempotency_key";
    public const int MaxKeyLength = 255;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(30);
    private const int MaxClaimAttempts = 20;
    private const int MaxScopeLength = 80;

    /// <summary>
    /// A claim still unanswered this long after it was made belongs to a request whose instance died (the longest a
    /// first request runs is a push waiting for Daraja, token and one dead-token retry included): a retry then answers
    /// from what it left (see RunAsync's resume). A claim a live request still holds is safe either way: see MarkStartedAsync.
    /// </summary>
    private TimeSpan AbandonedAfter => mpesa.CurrentValue.LongestPush + TimeSpan.FromSeconds(15);

    /// <param name="requestFingerprint">The request's parameters, from <see cref="Fingerprint.Of"/>.</param>
    /// <param name="resume">
    /// For a claim whose first request was abandoned (its instance stopped before answering): the answer for what it
    /// started under that claim (the payment it recorded), or null when it started nothing, so the request runs again.
    /// </param>
    public async Task<Result<StoredAnswer>> RunAsync(
        string scope, string key, string requestFingerprint, Func<Task<KeyedAnswer>> first, CancellationToken cancellationToken,
        Func<long, Task<StoredAnswer?>>? resume = null)
    {
        if (key.Length > MaxKeyLength)
        {
            return ServiceError.Invalid("invalid_idempotency_key", $"Idempotency-Key must be at most {MaxKeyLength} characters.", "idempotency_key");
        }

        scope = mode.IsTest ? "test:" + scope : scope;
        // A pay link's scope carries its id as the customer sent it: one too long for the column is hashed, not refused.
        scope = scope.Length <= MaxScopeLength ? scope : Ids.Sha256Hex(scope);
        var hash = Ids.Sha256Hex(requestFingerprint);
        var deadline = time.GetUtcNow() + WaitForFirst;
        for (var attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
            var claim = new IdempotencyRecord { Scope = scope, Key = key, RequestHash = hash, CreatedAt = now, ExpiresAt = now + Lifetime };
            db.IdempotencyRecords.Add(claim);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (db.FindUniqueViolation(ex) is not null)
            {
                db.Entry(claim).State = EntityState.Detached;
                var replay = await ReplayAsync(scope, key, hash, deadline, resume, cancellationToken);
                if (replay is { } answered)
                {
                    return answered;
                }

                // The first request freed its claim (its answer is not kept): this one may claim the key now.
                if (attempt < MaxClaimAttempts && time.GetUtcNow() < deadline)
                {
                    continue;
                }

                return ServiceError.Conflict("idempotency_in_progress",
                    "The first request with this Idempotency-Key did not finish. Retry to run it again.");
            }

            current.Id = claim.Id;
            return await RunFirstAsync(claim.Id, first);
        }
    }

    private async Task<StoredAnswer> RunFirstAsync(long claimId, Func<Task<KeyedAnswer>> first)
    {
        KeyedAnswer answer;
        try
        {
            answer = await first();
        }
        catch
        {
            // Nothing was answered: free the key so the client's retry runs for real, unless a payment was recorded
            // under it (then a retry is answered with that payment once this request can no longer be running).
            await NeverStarted(db, claimId).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        if (!answer.Keep)
        {
            await NeverStarted(db, claimId).ExecuteDeleteAsync(CancellationToken.None);
            return answer.Answer;
        }

        // Not over an answer a retry already gave from the payment (only if this request outlived its claim).
        await KeepAsync(claimId, answer.Answer);
        return answer.Answer;
    }

    /// <summary>
    /// An abandoned claim: the answer for what its request started, kept under the key as if it had answered (only if
    /// no one answered meanwhile); or, when it started nothing, the claim is removed. Null: read the key again.
    /// </summary>
    private async Task<StoredAnswer?> ResumeAsync(long claimId, Func<long, Task<StoredAnswer?>>? resume)
    {
        var answer = resume is null ? null : await resume(claimId);
        if (answer is null)
        {
            // Only a claim whose request never recorded a payment: its insert marks the claim in the same transaction,
            // so either that insert or this delete wins, never both (a slow first request then refuses to push).
            if (await NeverStarted(db, claimId).ExecuteDeleteAsync(CancellationToken.None) == 1)
            {
                logger.LogWarning("An idempotency claim abandoned before its request started anything was removed; the retry runs it");
            }

            return null;
        }

        var kept = await KeepAsync(claimId, answer);
        logger.LogWarning("An idempotency claim abandoned by its request was answered from the payment it started");
        return kept ? answer : null;
    }

    /// <summary>Stores the answer for the key, unless one is stored already; whether it was.</summary>
    private async Task<bool> KeepAsync(long claimId, StoredAnswer answer) =>
        await db.IdempotencyRecords.Where(r => r.Id == claimId && r.ResponseStatus <= 0).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ResponseStatus, answer.Status)
            .SetProperty(r => r.ResponseBody, answer.Body), CancellationToken.None) == 1;

    /// <summary>The claim while its request has recorded nothing: it may still be freed, or marked started.</summary>
    private static IQueryable<IdempotencyRecord> NeverStarted(PortalDbContext db, long claimId) =>
        db.IdempotencyRecords.Where(r => r.Id == claimId && r.ResponseStatus == 0);

    /// <summary>
    /// Called by the payment's insert, in its transaction: marks the claim <see cref="IdempotencyRecord.Started"/>.
    /// False when the claim is gone (a retry judged this request abandoned and runs it itself): push nothing then.
    /// </summary>
    public static async Task<bool> MarkStartedAsync(PortalDbContext db, long claimId, CancellationToken cancellationToken) =>
        await NeverStarted(db, claimId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ResponseStatus, IdempotencyRecord.Started), cancellationToken) == 1;

    /// <summary>Waits for the first request's answer; null when its claim went away without one (try to claim again).</summary>
    private async Task<Result<StoredAnswer>?> ReplayAsync(
        string scope, string key, string hash, DateTimeOffset deadline, Func<long, Task<StoredAnswer?>>? resume, CancellationToken cancellationToken)
    {
        while (true)
        {
            var record = await db.IdempotencyRecords.AsNoTracking()
                .Where(r => r.Scope == scope && r.Key == key)
                .Select(r => new { r.Id, r.RequestHash, r.ResponseStatus, r.ResponseBody, r.CreatedAt })
                .SingleOrDefaultAsync(cancellationToken);
            if (record is null)
            {
                return null;
            }

            if (record.RequestHash != hash)
            {
                return ServiceError.Conflict("idempotency_key_reused",
                    "This Idempotency-Key was already used with other parameters. Use a new key for a new payment.");
            }

            if (record.ResponseStatus > 0)
            {
                logger.LogInformation("Idempotent replay for key in scope {Scope}", scope.StartsWith("link:", StringComparison.Ordinal) ? scope : "merchant");
                return new StoredAnswer(record.ResponseStatus, record.ResponseBody ?? "");
            }

            if (record.CreatedAt < time.GetUtcNow() - AbandonedAfter)
            {
                if (await ResumeAsync(record.Id, resume) is { } resumed)
                {
                    return resumed;
                }

                // Nothing was started under the claim, and it is gone now: claim the key again and run. Still there,
                // it was marked started meanwhile (its payment is read on the next turn) or answered.
                if (!await db.IdempotencyRecords.AnyAsync(r => r.Id == record.Id, cancellationToken))
                {
                    return null;
                }
            }

            if (time.GetUtcNow() > deadline)
            {
                return ServiceError.Conflict("idempotency_in_progress",
                    "A request with this Idempotency-Key is still being processed. Retry in a moment.");
            }

            // The first request is still running.
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }
}
