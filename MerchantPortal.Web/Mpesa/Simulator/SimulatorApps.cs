namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>
/// The Daraja apps the simulator accepts: the portal's configured one and <see cref="SimulatorOptions.Apps"/>; outside
/// Simulator mode (where it serves test mode only) <see cref="TestModeApp"/> instead of the configured one, which is
/// Daraja's real app.
/// </summary>
internal static class SimulatorApps
{
    public static IEnumerable<SimulatorApp> All(MpesaOptions options) =>
        options.Simulator.Apps.Prepend(options.IsSimulator
            ? new SimulatorApp
            {
                ConsumerKey = options.ConsumerKey,
                ConsumerSecret = options.ConsumerSecret,
                Passkey = options.Passkey,
            }
            : TestModeApp.App);

    /// <summary>The app with this exact key and secret, or null (Daraja's "invalid credentials").</summary>
    public static SimulatorApp? Find(MpesaOptions options, string key, string secret) =>
        All(options).FirstOrDefault(a => a.ConsumerKey == key && a.ConsumerSecret == secret);

    /// <summary>
    /// The passkey a push or query must be signed with: the one of the app that lists the shortcode, else the
    /// one of the app that holds the bearer token.
    /// </summary>
    public static string PasskeyFor(MpesaOptions options, string shortCode, string tokenOwner)
    {
        var owner = options.Simulator.Apps.FirstOrDefault(a => Binds(a, shortCode))
            ?? All(options).FirstOrDefault(a => a.ConsumerKey == tokenOwner);
        return owner?.Passkey ?? options.Passkey;
    }

    public static bool IsKnownShortCode(string shortCode, SimulatorOptions options) =>
        options.ShortCodes.Count == 0
        || options.ShortCodes.Any(s => s.Trim() == shortCode)
        || options.Apps.Any(a => Binds(a, shortCode));

    /// <summary>Whether an app lists this number, read as the strict rules read it (a <c>till:store</c> entry gives both).</summary>
    private static bool Binds(SimulatorApp app, string shortCode) =>
        SimulatorBinding.Of(app.ConsumerKey, app.Passkey, app.ShortCodes).Binds(shortCode);
}
