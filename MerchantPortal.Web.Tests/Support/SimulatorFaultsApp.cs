namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// The simulator producing Daraja's faults on demand (test phones 0708000007 onward and Mpesa:Simulator:Faults), with
/// short client timeouts so a held answer outlasts them, two apps behind a broken OAuth, and quick webhooks.
/// </summary>
public class SimulatorFaultsApp(DatabaseProvider provider) : PortalApp(provider)
{
    public const string FaultKey = "faultKey4Hq9";
    public const string OutageKey = "outageKey7Vw2";
    public const string Secret = "gatewaySecret-2kP8";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:TimeoutSeconds"] = "4",
        ["Mpesa:QueryTimeoutSeconds"] = "4",
        ["Mpesa:Simulator:Faults:SlowAnswerSeconds"] = "9",
        // Well after the first STK query, even when a held query has kept the reconciler busy.
        ["Mpesa:Simulator:Faults:LateCallbackSeconds"] = "8",
        ["Mpesa:Simulator:Faults:InterimQueryAnswers"] = "2",
        ["Mpesa:Simulator:Faults:RevokeOnNewToken"] = "true",
        ["Mpesa:Simulator:Faults:RuleLimited"] = "true",
        ["Mpesa:Simulator:Apps:0:ConsumerKey"] = FaultKey,
        ["Mpesa:Simulator:Apps:0:ConsumerSecret"] = Secret,
        ["Mpesa:Simulator:Apps:0:Passkey"] = "fault-passkey",
        ["Mpesa:Simulator:Apps:0:OAuthFault"] = "Fault",
        ["Mpesa:Simulator:Apps:1:ConsumerKey"] = OutageKey,
        ["Mpesa:Simulator:Apps:1:ConsumerSecret"] = Secret,
        ["Mpesa:Simulator:Apps:1:Passkey"] = "outage-passkey",
        ["Mpesa:Simulator:Apps:1:OAuthFault"] = "Unavailable",
        ["Webhooks:PollSeconds"] = "0.1",
        ["Webhooks:RetryDelaysSeconds:0"] = "0.2",
    };
}

public sealed class SqliteSimulatorFaultsApp() : SimulatorFaultsApp(DatabaseProvider.Sqlite);

public sealed class PostgresSimulatorFaultsApp() : SimulatorFaultsApp(DatabaseProvider.Postgres);
