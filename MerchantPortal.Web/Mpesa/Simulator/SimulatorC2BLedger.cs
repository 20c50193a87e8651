using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>The simulator's C2B memory: registered URLs, Pull registrations and the payments of the last 48 hours. A singleton.</summary>
public sealed class SimulatorC2BLedger(DarajaSimulatorState state, TimeProvider timeProvider, IOptionsMonitor<MpesaOptions> options)
{
    /// <summary>Pull Transactions keeps 48 hours (its page); the simulator forgets payments older than that.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(48);

    // A few registered names; a phone always gets the same one.
    private static readonly (string First, string Middle, string Last)[] Names =
    [
        ("JANE", "", "WANJIKU"), ("JOHN", "KAMAU", ""), ("AMINA", "", "HASSAN"),
        ("PETER", "OTIENO", ""), ("GRACE", "", "MUTUA"), ("BRIAN", "", "KIPROTICH"),
    ];

    private readonly ConcurrentDictionary<string, SimulatorC2BRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _pullRegistrations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal);
    private readonly List<SimulatorC2BPayment> _payments = [];
    private readonly Dictionary<string, SimulatorC2BPayment> _byReceipt = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Channel<SimulatorC2BPayment> _work = Channel.CreateUnbounded<SimulatorC2BPayment>(new() { SingleReader = true });

    internal ChannelReader<SimulatorC2BPayment> Work => _work.Reader;

    public void Register(SimulatorC2BRegistration registration) => _registrations[registration.ShortCode] = registration;

    public SimulatorC2BRegistration? FindRegistration(string shortCode) =>
        _registrations.TryGetValue(shortCode, out var registration) ? registration : null;

    /// <summary>True for the first registration of this shortcode, false when it was registered already.</summary>
    public bool RegisterPull(string shortCode) => _pullRegistrations.TryAdd(shortCode, true);

    public bool IsPullRegistered(string shortCode) => _pullRegistrations.ContainsKey(shortCode);

    public SimulatorC2BPayment? Find(string receipt)
    {
        lock (_gate)
        {
            return _byReceipt.GetValueOrDefault(receipt);
        }
    }

    /// <summary>Completed payments to this shortcode paid within [from, to], oldest first (what Pull Transactions lists).</summary>
    public List<SimulatorC2BPayment> Completed(string shortCode, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            return [.. _payments.Where(p => p.ShortCode == shortCode && p.Status == SimulatorC2BStatus.Completed
                && p.PaidAt >= from && p.PaidAt <= to)];
        }
    }

    /// <summary>Records the customer's payment and hands it to <see cref="SimulatorC2BWorker"/> for its callbacks.</summary>
    internal SimulatorC2BPayment Accept(C2BSimulateRequest request)
    {
        var now = timeProvider.GetUtcNow();
        var registration = FindRegistration(request.ShortCode);
        var payment = new SimulatorC2BPayment
        {
            Receipt = state.NewReceipt(now),
            ShortCode = request.ShortCode,
            CommandId = request.CommandId,
            Amount = request.Amount,
            Msisdn = request.Msisdn,
            MsisdnAsSent = options.CurrentValue.Simulator.MaskC2BPhones ? Mask(request.Msisdn) : request.Msisdn,
            BillRefNumber = request.BillRefNumber,
            PaidAt = now,
            Name = Names[request.Msisdn.Sum(c => c - '0') % Names.Length],
            Registration = registration,
            ConfirmationCount = ConfirmationsFor(request.Msisdn, options.CurrentValue.Simulator),
        };

        lock (_gate)
        {
            Prune(now);
            _payments.Add(payment);
            _byReceipt[payment.Receipt] = payment;
        }

        // Without external validation M-Pesa completes at once; with it, after the merchant's answer (or the timeout).
        if (registration?.ValidationUrl is null)
        {
            Complete(payment);
        }
        else
        {
            payment.StartValidating();
        }

        _work.Writer.TryWrite(payment);
        return payment;
    }

    internal void Complete(SimulatorC2BPayment payment)
    {
        lock (_gate)
        {
            var balance = _balances.GetValueOrDefault(payment.ShortCode) + payment.Amount;
            _balances[payment.ShortCode] = balance;
            payment.Complete(balance);
        }
    }

    /// <summary>Forgets payments, registrations and balances (as <see cref="DarajaSimulatorState.Reset"/> does sessions).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _payments.Clear();
            _byReceipt.Clear();
            _balances.Clear();
            _registrations.Clear();
            _pullRegistrations.Clear();
        }
    }

    /// <summary>Daraja's v2 mask keeps the first four and last three digits: <c>2547****678</c>.</summary>
    public static string Mask(string msisdn) => msisdn[..4] + "****" + msisdn[^3..];

    private static int ConfirmationsFor(string msisdn, SimulatorOptions options) =>
        msisdn == Msisdn(SimulatorPhones.NoCallback) ? 0
        : msisdn == Msisdn(SimulatorPhones.DuplicateCallback) || options.DuplicateCallbacks ? 2
        : 1;

    private static string Msisdn(string localPhone) => "254" + localPhone[1..];

    private void Prune(DateTimeOffset now)
    {
        var cutoff = now - Retention;
        var old = _payments.TakeWhile(p => p.PaidAt < cutoff).ToList();
        if (old.Count == 0)
        {
            return;
        }

        _payments.RemoveRange(0, old.Count);
        foreach (var payment in old)
        {
            _byReceipt.Remove(payment.Receipt);
            state.ForgetReceipt(payment.Receipt);
        }
    }
}
