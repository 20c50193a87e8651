using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>The simulator's memory: access tokens, STK sessions and counters. A singleton.</summary>
public sealed class DarajaSimulatorState(TimeProvider timeProvider)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(3600);
    public static readonly TimeSpan SessionRetention = TimeSpan.FromHours(1);

    // Each token remembers the consumer key of the app it was issued to: that app's passkey signs its pushes.
    private readonly ConcurrentDictionary<string, (DateTimeOffset ExpiresAt, string ConsumerKey)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatorSession> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _receipts = new(StringComparer.Ordinal);

    // The callback worker, which every push wakes, takes the sessions whose callback is due from a queue ordered by that
    // time, and prunes at most once a minute: it used to walk every session kept for the hour on each wake, so each push
    // cost more as they piled up (the benchmark's simulator went from 0.6 to 4 ms of CPU a push). In strict mode a push
    // also looks at its phone's sessions only (the subscriber lock, the rule limit).
    private readonly Dictionary<string, List<SimulatorSession>> _byPhone = new(StringComparer.Ordinal);
    private readonly PriorityQueue<SimulatorSession, DateTimeOffset> _undelivered = new();
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _work = new(0);
    private long _merchantSequence = RandomNumberGenerator.GetInt32(10_000_000, 90_000_000);
    private int _pushCount;

    /// <summary>Accepted STK pushes (HTTP 200) since start or <see cref="Reset"/>.</summary>
    public int PushCount => Volatile.Read(ref _pushCount);

    public IReadOnlyCollection<SimulatorSession> Sessions => [.. _sessions.Values];

    /// <summary>For tests: the phones indexed and the sessions waiting for their callback (nothing kept past its session).</summary>
    internal (int Phones, int Undelivered) IndexSizes()
    {
        lock (_gate)
        {
            return (_byPhone.Count, _undelivered.Count);
        }
    }

    public SimulatorSession? FindSession(string checkoutRequestId) =>
        _sessions.TryGetValue(checkoutRequestId, out var session) ? session : null;

    /// <summary>Callbacks for this CheckoutRequestID that the receiver acknowledged with a 2xx.</summary>
    public int CallbacksDelivered(string checkoutRequestId) => FindSession(checkoutRequestId)?.CallbacksDelivered ?? 0;

    /// <summary>Callback POSTs attempted for this CheckoutRequestID, whatever their result.</summary>
    public int CallbackAttempts(string checkoutRequestId) => FindSession(checkoutRequestId)?.CallbackAttempts ?? 0;

    /// <summary>Forgets sessions and counters (tokens stay valid so a cached client token keeps working).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _sessions.Clear();
            _byPhone.Clear();
            _undelivered.Clear();
            _receipts.Clear();
            _prunedAt = DateTimeOffset.MinValue;
            Interlocked.Exchange(ref _pushCount, 0);
        }
    }

    /// <param name="revokeEarlier">Revoke the app's earlier tokens, as Daraja may on each new one.</param>
    public string IssueToken(string consumerKey = "", bool revokeEarlier = false)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (expired, issued) in _tokens)
        {
            if (issued.ExpiresAt <= now || (revokeEarlier && issued.ConsumerKey == consumerKey))
            {
                _tokens.TryRemove(expired, out _);
            }
        }

        var token = SimulatorIds.NewAccessToken();
        _tokens[token] = (now + TokenLifetime, consumerKey);
        return token;
    }

    public bool IsTokenValid(string token) => TokenOwner(token) is not null;

    /// <summary>The consumer key a live token was issued to, or null for an unknown or expired token.</summary>
    public string? TokenOwner(string token) =>
        _tokens.TryGetValue(token, out var issued) && timeProvider.GetUtcNow() < issued.ExpiresAt ? issued.ConsumerKey : null;

    /// <summary>Opens a session, or returns null when the phone already has an undecided prompt and locking is on.</summary>
    /// <param name="outcome">The customer's answer when a rule decides it (a till pushed without its store number), else the phone's.</param>
    internal SimulatorSession? TryOpenSession(StkPushRequest request, SimulatorOptions options, SimulatorOutcome? outcome = null)
    {
        SimulatorSession session;
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            var phone = request.PhoneNumber;
            var samePhone = _byPhone.GetValueOrDefault(phone) ?? [];
            if (options.LocksSubscriber && samePhone.Any(s => !s.IsDecided(now)))
            {
                return null;
            }

            var delay = double.IsFinite(options.CallbackDelaySeconds) && options.CallbackDelaySeconds > 0
                ? TimeSpan.FromSeconds(options.CallbackDelaySeconds)
                : TimeSpan.Zero;
            outcome ??= SimulatorFaults.OutcomeFor(request, samePhone, now, options);
            var callbacks = options.DuplicateCallbacks && outcome.Callbacks > 0 ? Math.Max(2, outcome.Callbacks) : outcome.Callbacks;
            var dueAt = SimulatorFaults.DueAt(outcome, now, options) + delay;

            session = new SimulatorSession
            {
                MerchantRequestId = SimulatorIds.NewMerchantRequestId(++_merchantSequence),
                CheckoutRequestId = UniqueCheckoutRequestId(now, request.PhoneNumber),
                BusinessShortCode = request.BusinessShortCode,
                TransactionType = request.TransactionType,
                Amount = request.Amount,
                PartyA = request.PartyA,
                PartyB = request.PartyB,
                PhoneNumber = request.PhoneNumber,
                CallbackUrl = request.CallBackUrl,
                AccountReference = request.AccountReference,
                AcceptedAt = now,
                DueAt = dueAt,
                CallbackAt = SimulatorFaults.CallbackAt(outcome, dueAt, options),
                Outcome = outcome,
                CallbackCount = callbacks,
                ReceiptNumber = outcome.IsSuccess ? UniqueReceipt(SimulatorIds.ToEat(dueAt)) : null,
            };
            _sessions[session.CheckoutRequestId] = session;
            if (samePhone.Count == 0)
            {
                _byPhone[phone] = samePhone;
            }

            samePhone.Add(session);
            _undelivered.Enqueue(session, session.CallbackAt ?? session.DueAt);
            _pushCount++;
        }

        // One pending wake-up is enough: the worker looks at every due session each time it wakes.
        if (_work.CurrentCount == 0)
        {
            _work.Release();
        }

        return session;
    }

    /// <summary>Decided sessions whose callbacks nobody has sent yet; each is handed out once.</summary>
    internal List<SimulatorSession> ClaimDue()
    {
        var now = timeProvider.GetUtcNow();
        var due = new List<SimulatorSession>();
        lock (_gate)
        {
            while (_undelivered.TryPeek(out var session, out var at) && session.IsCallbackDue(now))
            {
                _undelivered.Dequeue();
                if (session.TryClaimDelivery())
                {
                    due.Add(session);
                }
            }
        }

        return due;
    }

    /// <summary>Forgets sessions delivered more than <see cref="SessionRetention"/> ago; looks at most once a minute.</summary>
    internal void Prune()
    {
        var now = timeProvider.GetUtcNow();
        var cutoff = now - SessionRetention;
        lock (_gate)
        {
            if (now - _prunedAt < TimeSpan.FromMinutes(1))
            {
                return;
            }

            _prunedAt = now;
            // Every session is in its phone's list: one pass over them forgets each from the lists, the map and the receipts.
            bool Forget(SimulatorSession s)
            {
                if (s.DueAt >= cutoff || !s.IsClaimed)
                {
                    return false;
                }

                _sessions.TryRemove(s.CheckoutRequestId, out _);
                if (s.ReceiptNumber is { } receipt)
                {
                    _receipts.Remove(receipt);
                }

                return true;
            }

            foreach (var (phone, samePhone) in _byPhone.ToList())
            {
                if (samePhone.RemoveAll(Forget) > 0 && samePhone.Count == 0)
                {
                    _byPhone.Remove(phone);
                }
            }
        }
    }

    /// <summary>Completes when a push was accepted, so a due-now callback need not wait for the next poll.</summary>
    internal Task WaitForWorkAsync(CancellationToken cancellationToken) => _work.WaitAsync(cancellationToken);

    /// <summary>A receipt no STK session or C2B payment holds yet (a C2B payment's is forgotten when it is pruned).</summary>
    internal string NewReceipt(DateTimeOffset now)
    {
        lock (_gate)
        {
            return UniqueReceipt(SimulatorIds.ToEat(now));
        }
    }

    internal void ForgetReceipt(string receipt)
    {
        lock (_gate)
        {
            _receipts.Remove(receipt);
        }
    }

    private string UniqueCheckoutRequestId(DateTimeOffset now, string msisdn)
    {
        var eat = SimulatorIds.ToEat(now);
        var id = SimulatorIds.CheckoutRequestId(eat, msisdn);
        while (_sessions.ContainsKey(id))
        {
            eat = eat.AddMilliseconds(1);
            id = SimulatorIds.CheckoutRequestId(eat, msisdn);
        }

        return id;
    }

    private string UniqueReceipt(DateTimeOffset eatTime)
    {
        string receipt;
        do
        {
            receipt = SimulatorIds.NewReceipt(eatTime);
        }
        while (!_receipts.Add(receipt));

        return receipt;
    }
}
