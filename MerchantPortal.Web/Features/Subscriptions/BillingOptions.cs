namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary>
/// The operator's own M-Pesa account that merchants pay their subscriptions into (section <c>Billing</c>).
/// Empty credentials mean the portal's configured Daraja app (<c>Mpesa:</c>); in Simulator mode the simulator
/// serves it all by default.
/// </summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>The simulator's test paybill, used when nothing else is configured in Simulator mode.</summary>
    public const string SimulatorShortCode = "174379";

    /// <summary><c>paybill</c> or <c>till</c>.</summary>
    public string Type { get; set; } = "paybill";

    /// <summary>The paybill or till number; empty means <c>Mpesa:ShortCode</c>.</summary>
    public string? ShortCode { get; set; }

    /// <summary>For a till: its head-office/store number.</summary>
    public string? StoreNumber { get; set; }

    public string? ConsumerKey { get; set; }

    public string? ConsumerSecret { get; set; }

    public string? Passkey { get; set; }

    /// <summary>The plan created on first start, when there is none; the administrators manage plans after that.</summary>
    public PlanSeed DefaultPlan { get; set; } = new();

    /// <summary>How often the reminder worker looks for subscriptions ending soon (the reminders are days apart).</summary>
    public double ReminderCheckMinutes { get; set; } = 15;

    /// <summary>
    /// The paybill or till subscriptions are paid into: <see cref="ShortCode"/>, else Mpesa:ShortCode, else (in
    /// Simulator mode) <see cref="SimulatorShortCode"/>; null when none is set. The strict simulator binds this
    /// same number to the app that pushes it, so both read it here.
    /// </summary>
    public string? AccountNumber(Mpesa.MpesaOptions mpesa) =>
        new[] { ShortCode, mpesa.ShortCode, mpesa.IsSimulator ? SimulatorShortCode : null }
            .Select(v => v?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    public bool IsTill => string.Equals(Type, "till", StringComparison.OrdinalIgnoreCase);

    public bool HasOwnCredentials =>
        !string.IsNullOrWhiteSpace(ConsumerKey) && !string.IsNullOrWhiteSpace(ConsumerSecret) && !string.IsNullOrWhiteSpace(Passkey);
}

public sealed class PlanSeed
{
    public string Name { get; set; } = "Standard";

    public long Price { get; set; } = 1000;

    public int PeriodDays { get; set; } = 30;
}

/// <summary>The operator's tenant: a merchant row that receives subscription payments and can never sign in.</summary>
public static class PlatformTenant
{
    public const string MerchantId = "platform";

    public const string PublicId = "u_platform";

    /// <summary>Not a valid registration username, so no merchant can take it.</summary>
    public const string UserName = "~platform";
}
