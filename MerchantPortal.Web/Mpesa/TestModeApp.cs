using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// The Daraja app test-mode payments use with the built-in simulator outside Simulator mode: random, made once per
/// process and never written anywhere, so the simulator (mapped in every mode for test mode) cannot be used by anyone
/// else, and the operator's real consumer secret is never sent to it nor can be guessed against it. In Simulator mode
/// test payments use the configured (simulated) app like live ones.
/// </summary>
public static class TestModeApp
{
    public static SimulatorApp App { get; } = new()
    {
        ConsumerKey = "portal-test-mode-" + Ids.Random(12),
        ConsumerSecret = Ids.Random(40),
        Passkey = Ids.Random(40),
    };

    public static DarajaCredentials Credentials(MpesaOptions options) => options.IsSimulator
        ? new DarajaCredentials(options.ConsumerKey.Trim(), options.ConsumerSecret.Trim(), options.Passkey.Trim(), Simulated: true)
        : new DarajaCredentials(App.ConsumerKey, App.ConsumerSecret, App.Passkey, Simulated: true);
}
