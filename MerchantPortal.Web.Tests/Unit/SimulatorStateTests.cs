using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Mpesa.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>
/// The simulator's memory looks up one phone's sessions and the sessions whose callback is due, not every session it
/// keeps for the hour: the same answers as a walk over all of them would give.
/// </summary>
public sealed class SimulatorStateTests
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-03T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static StkPushRequest Push(string msisdn, decimal amount = 10) =>
        new("174379", "p", "20261203110000", SimulatorValidation.PayBill, amount, msisdn, "174379", msisdn,
            "http://127.0.0.1/hooks/stk/t", "A", null);

    [Fact]
    public void ACallbackDueNowIsHandedOutAheadOfAnEarlierPushWhoseCallbackComesLate()
    {
        var state = new DarajaSimulatorState(clock);
        var options = new SimulatorOptions { CallbackDelaySeconds = 1, LockSubscriber = false };
        var late = state.TryOpenSession(Push("254" + SimulatorPhones.LateCallback[1..]), options)!;
        var prompt = state.TryOpenSession(Push("254708123456"), options)!;

        Assert.Empty(state.ClaimDue());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([prompt.CheckoutRequestId], state.ClaimDue().Select(s => s.CheckoutRequestId));
        Assert.Empty(state.ClaimDue());

        clock.Advance(TimeSpan.FromSeconds(options.Faults.LateCallbackSeconds));
        Assert.Equal([late.CheckoutRequestId], state.ClaimDue().Select(s => s.CheckoutRequestId));
        Assert.Empty(state.ClaimDue());
    }

    [Fact]
    public void TheSubscriberLockAndTheRuleLimitLookAtThatPhoneOnly()
    {
        var state = new DarajaSimulatorState(clock);
        var options = new SimulatorOptions { CallbackDelaySeconds = 5, LockSubscriber = true, Strict = true };
        for (var i = 0; i < 50; i++)
        {
            Assert.NotNull(state.TryOpenSession(Push($"2547081{i:D5}"), options));
        }

        Assert.Null(state.TryOpenSession(Push("254708100007"), options));
        clock.Advance(TimeSpan.FromSeconds(6));
        var again = state.TryOpenSession(Push("254708100007"), options);
        Assert.NotNull(again);
        Assert.Equal(SimulatorFaults.RuleLimited, again.Outcome);
        // The rule limit is that phone's and that amount's: another amount there, or that amount on a phone no one
        // pushed, goes through; the lock is that phone's too.
        var unlocked = new SimulatorOptions { CallbackDelaySeconds = 5, LockSubscriber = false, Strict = true };
        Assert.NotEqual(SimulatorFaults.RuleLimited, state.TryOpenSession(Push("254708100007", amount: 11), unlocked)!.Outcome);
        Assert.NotEqual(SimulatorFaults.RuleLimited, state.TryOpenSession(Push("254708199999"), unlocked)!.Outcome);
        Assert.Null(state.TryOpenSession(Push("254708199999", amount: 12), options));
        Assert.NotNull(state.TryOpenSession(Push("254708199998", amount: 12), options));
    }

    [Fact]
    public void ResetForgetsTheIndexesWithTheSessions()
    {
        var state = new DarajaSimulatorState(clock);
        var options = new SimulatorOptions { CallbackDelaySeconds = 1, LockSubscriber = true };
        Assert.NotNull(state.TryOpenSession(Push("254708300001"), options));
        Assert.Equal((1, 1), state.IndexSizes());

        state.Reset();
        Assert.Equal((0, 0), state.IndexSizes());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(state.ClaimDue());
        Assert.NotNull(state.TryOpenSession(Push("254708300001"), options));
    }

    [Fact]
    public void SessionsDeliveredAnHourAgoAreForgottenWithTheirIndexEntries()
    {
        var state = new DarajaSimulatorState(clock);
        var options = new SimulatorOptions { CallbackDelaySeconds = 1, LockSubscriber = true };
        var first = state.TryOpenSession(Push("254708200001"), options)!;
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Single(state.ClaimDue());
        state.Prune();
        Assert.NotNull(state.FindSession(first.CheckoutRequestId));
        Assert.Equal((1, 0), state.IndexSizes());

        clock.Advance(DarajaSimulatorState.SessionRetention + TimeSpan.FromMinutes(2));
        state.Prune();
        Assert.Null(state.FindSession(first.CheckoutRequestId));
        Assert.Empty(state.Sessions);
        Assert.Equal((0, 0), state.IndexSizes());
    }
}
