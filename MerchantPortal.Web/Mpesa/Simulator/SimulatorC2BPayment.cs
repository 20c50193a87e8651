namespace MerchantPortal.Web.Mpesa.Simulator;

public enum SimulatorC2BStatus
{
    /// <summary>Waiting for the merchant's validation answer.</summary>
    Validating,

    /// <summary>Paid: Pull Transactions lists it, and its confirmation is (or was) sent.</summary>
    Completed,

    /// <summary>The validation answer's ResultCode was not 0: no confirmation, not paid.</summary>
    Refused,

    /// <summary>Validation did not answer in time and the registered ResponseType was Cancelled.</summary>
    Cancelled,
}

/// <summary>The URLs a shortcode registered (sandbox behaviour: the last registration wins).</summary>
public sealed record SimulatorC2BRegistration(string ShortCode, string ResponseType, string ConfirmationUrl, string? ValidationUrl);

/// <summary>One payment a customer made from the M-Pesa menu to a paybill or till.</summary>
public sealed class SimulatorC2BPayment
{
    private int _status;
    private int _validations;
    private int _confirmationAttempts;
    private int _confirmationsDelivered;

    public required string Receipt { get; init; }

    public required string ShortCode { get; init; }

    /// <summary>CustomerPayBillOnline or CustomerBuyGoodsOnline.</summary>
    public required string CommandId { get; init; }

    public required decimal Amount { get; init; }

    public required string Msisdn { get; init; }

    /// <summary>What the callbacks carry in MSISDN: masked unless Mpesa:Simulator:MaskC2BPhones is off.</summary>
    public required string MsisdnAsSent { get; init; }

    public required string BillRefNumber { get; init; }

    public required DateTimeOffset PaidAt { get; init; }

    public required (string First, string Middle, string Last) Name { get; init; }

    /// <summary>The shortcode's URLs when the customer paid, or null when it had none (nothing is POSTed).</summary>
    public required SimulatorC2BRegistration? Registration { get; init; }

    /// <summary>How many times the confirmation is POSTed: 0 for 0708000005, 2 for 0708000006, else 1.</summary>
    public required int ConfirmationCount { get; init; }

    public SimulatorC2BStatus Status => (SimulatorC2BStatus)Volatile.Read(ref _status);

    /// <summary>The validation answer's ResultCode, or null when none came (or none was asked).</summary>
    public string? ValidationResultCode { get; private set; }

    /// <summary>Echoed in the confirmation when the validation answer gave one.</summary>
    public string ThirdPartyTransId { get; private set; } = "";

    /// <summary>The shortcode's balance after this payment (the confirmation's OrgAccountBalance).</summary>
    public decimal BalanceAfter { get; private set; }

    public int ValidationAttempts => Volatile.Read(ref _validations);

    public int ConfirmationAttempts => Volatile.Read(ref _confirmationAttempts);

    /// <summary>Confirmations the receiver answered with a 2xx.</summary>
    public int ConfirmationsDelivered => Volatile.Read(ref _confirmationsDelivered);

    public bool IsPayBill => CommandId == SimulatorValidation.PayBill;

    internal void StartValidating() => Volatile.Write(ref _status, (int)SimulatorC2BStatus.Validating);

    internal void Complete(decimal balanceAfter)
    {
        BalanceAfter = balanceAfter;
        Volatile.Write(ref _status, (int)SimulatorC2BStatus.Completed);
    }

    internal void Refuse(string resultCode)
    {
        ValidationResultCode = resultCode;
        Volatile.Write(ref _status, (int)SimulatorC2BStatus.Refused);
    }

    internal void Cancel() => Volatile.Write(ref _status, (int)SimulatorC2BStatus.Cancelled);

    internal void RecordValidation(string? resultCode, string? thirdPartyTransId)
    {
        Interlocked.Increment(ref _validations);
        ValidationResultCode = resultCode;
        ThirdPartyTransId = thirdPartyTransId ?? "";
    }

    internal void RecordConfirmation(bool delivered)
    {
        Interlocked.Increment(ref _confirmationAttempts);
        if (delivered)
        {
            Interlocked.Increment(ref _confirmationsDelivered);
        }
    }
}
