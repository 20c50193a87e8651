using MerchantPortal.Web.Features.Subscriptions;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>
/// What the simulator checks as strictly as Daraja under <c>Mpesa:Simulator:Strict</c> (facts and sources in
/// docs/daraja-live.md): each shortcode served only by the app bound to it, tills pushed through their store number,
/// callback URLs Daraja would call, bodies with a length. Lenient (the default), any shortcode takes a push with the
/// token holder's passkey, as before.
/// </summary>
public sealed class SimulatorStrictRules(IOptionsMonitor<MpesaOptions> mpesa, IOptionsMonitor<BillingOptions> billing)
{
    /// <summary>Daraja's callback for a till pushed with a BusinessShortCode that is not its store number.</summary>
    public static readonly SimulatorOutcome NotPermitted =
        new(2028, "The request is not permitted according to product assignment.", 1);

    private bool Strict => mpesa.CurrentValue.Simulator.Strict;

    /// <summary>
    /// A chunked body (no Content-Length) is refused under Strict: Daraja's gateway is not known to accept one, and the
    /// answer it would give is not documented, so this one (411 in Daraja's error envelope) is our choice.
    /// </summary>
    public IResult? RefuseUnsizedBody(HttpRequest request) =>
        Strict && request.ContentLength is null
            ? SimulatorResponses.Error(StatusCodes.Status411LengthRequired, "411.001.01", "Length Required")
            : null;

    /// <summary>Under Strict: https unless the host is this machine (tests, a local clone), and no filtered word.</summary>
    public bool AllowsCallbackUrl(string url) =>
        !Strict
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback)
            && !DarajaUrlRules.ContainsRefusedWord(url));

    /// <summary>
    /// Daraja's refusal of a push or query for <paramref name="shortCode"/> signed with this token and password, or null
    /// when it may go on. Under Strict only the app the shortcode is bound to serves it, and only with its passkey.
    /// </summary>
    public IResult? RefuseMerchant(string shortCode, string tokenOwner, string timestamp, string password)
    {
        var options = mpesa.CurrentValue;
        if (!options.Simulator.Strict)
        {
            return !SimulatorApps.IsKnownShortCode(shortCode, options.Simulator) ? SimulatorResponses.Merchant("Merchant does not exist")
                : !SimulatorValidation.PasswordMatches(shortCode, SimulatorApps.PasskeyFor(options, shortCode, tokenOwner), timestamp, password)
                    ? SimulatorResponses.Merchant("Wrong credentials")
                : null;
        }

        // Daraja's page: "Merchant does not exist" means the shortcode is not the one that went live on this app (even
        // if it went live on another); "Wrong credentials" a password that does not match the shortcode's passkey.
        var owners = Bindings(options).Where(b => b.ConsumerKey == tokenOwner && b.Binds(shortCode)).ToList();
        return owners.Count == 0 ? SimulatorResponses.Merchant("Merchant does not exist")
            : !owners.Any(b => SimulatorValidation.PasswordMatches(shortCode, b.Passkey, timestamp, password))
                ? SimulatorResponses.Merchant("Wrong credentials")
            : null;
    }

    /// <summary>
    /// Whether this token's app may register URLs, simulate a payment or pull for the shortcode (a till by its own
    /// number): under Strict only the app it is bound to; lenient, anyone for any shortcode the simulator knows.
    /// </summary>
    public bool ServesC2B(string shortCode, string tokenOwner) =>
        !Strict
            ? SimulatorApps.IsKnownShortCode(shortCode, mpesa.CurrentValue.Simulator)
            : Bindings(mpesa.CurrentValue).Any(b => b.ConsumerKey == tokenOwner && b.Binds(shortCode));

    /// <summary>
    /// The customer's answer a rule decides, whatever the phone: under Strict a till pushed with a BusinessShortCode
    /// that is not its store number under the token's app is accepted, then fails in the callback (2028).
    /// </summary>
    internal SimulatorOutcome? RuledOutcome(StkPushRequest push, string tokenOwner) =>
        Strict && push.TransactionType == SimulatorValidation.BuyGoods
        && !Bindings(mpesa.CurrentValue).Any(b => b.ConsumerKey == tokenOwner && b.Tills.Contains((push.PartyB, push.BusinessShortCode)))
            ? NotPermitted
            : null;

    /// <summary>
    /// Which app serves which shortcodes. The portal's own app serves Mpesa:ShortCode, Mpesa:TillHeadOfficeShortCode
    /// and the billing account; the billing account is read from the same <c>Billing:</c> settings the portal uses (this
    /// simulator runs in the portal's process), bound to Billing's own app when it has one.
    /// </summary>
    private IEnumerable<SimulatorBinding> Bindings(MpesaOptions options)
    {
        var b = billing.CurrentValue;
        var billingEntries = BillingEntries(b, options);
        yield return SimulatorBinding.Of(options.ConsumerKey, options.Passkey,
            [options.ShortCode, options.TillHeadOfficeShortCode ?? "", .. b.HasOwnCredentials ? [] : billingEntries]);
        if (b.HasOwnCredentials)
        {
            yield return SimulatorBinding.Of(b.ConsumerKey!, b.Passkey!, billingEntries);
        }

        foreach (var app in options.Simulator.Apps)
        {
            yield return SimulatorBinding.Of(app.ConsumerKey, app.Passkey, app.ShortCodes);
        }
    }

    /// <summary>The billing paybill, or its till under its store number (as DarajaCredentialsProvider pushes it).</summary>
    private static List<string> BillingEntries(BillingOptions b, MpesaOptions options)
    {
        var number = b.AccountNumber(options);
        var store = new[] { b.StoreNumber, options.TillHeadOfficeShortCode }.Select(v => v?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        return number is null ? [] : b.IsTill && store is not null ? [$"{number}:{store}"] : [number];
    }
}

/// <summary>One app's shortcodes: paybills and stores it may push as BusinessShortCode, and its tills with their store.</summary>
internal sealed record SimulatorBinding(string ConsumerKey, string Passkey, HashSet<string> ShortCodes, HashSet<(string Till, string Store)> Tills)
{
    public bool Binds(string shortCode) => ShortCodes.Contains(shortCode) || Tills.Any(t => t.Till == shortCode || t.Store == shortCode);

    /// <summary>Entries as configured: <c>600111</c> (a paybill or store) or <c>5123456:600222</c> (a till and its store).</summary>
    public static SimulatorBinding Of(string consumerKey, string passkey, IEnumerable<string> entries)
    {
        var binding = new SimulatorBinding(consumerKey.Trim(), passkey.Trim(), new(StringComparer.Ordinal), []);
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            var parts = entry.Split(':', StringSplitOptions.TrimEntries);
            if (parts is [var till, var store] && till.Length > 0 && store.Length > 0)
            {
                binding.Tills.Add((till, store));
            }
            else
            {
                binding.ShortCodes.Add(entry);
            }
        }

        return binding;
    }
}
