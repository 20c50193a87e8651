namespace MerchantPortal.Web.Features.Onboarding;

/// <summary>
/// A new merchant's first steps, each worked out from what the merchant has done (never ticked by hand).
/// <paramref name="Simulated"/>: the portal talks to the built-in simulator, so the test payment is one button.
/// </summary>
public sealed record OnboardingChecklist(
    bool HasPaymentAccount,
    bool HasLink,
    bool HasPaidPayment,
    bool HasDarajaCredentials,
    bool Simulated)
{
    /// <summary>Once every step is done the dashboard stops showing the checklist.</summary>
    public bool Done => HasPaymentAccount && HasLink && HasPaidPayment && HasDarajaCredentials;

    public int Completed => new[] { HasPaymentAccount, HasLink, HasPaidPayment, HasDarajaCredentials }.Count(s => s);
}

/// <summary>The test payment started from the dashboard: the transaction it made.</summary>
public sealed record TestPaymentStarted(string TransactionId);
