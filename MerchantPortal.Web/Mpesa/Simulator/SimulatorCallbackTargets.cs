using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>
/// The only URLs the built-in simulator will POST a callback to: this portal's own STK callback path
/// (<c>/hooks/stk/{token}</c>) or C2B paths (<see cref="C2BCallbackPaths"/>) on an address this server listens on or
/// on App:PublicBaseUrl. The simulator's
/// endpoints are anonymous, so any other CallBackURL would let anyone make this server POST wherever they like,
/// to a loopback port included. Instances that share a simulator share App:PublicBaseUrl, as behind a load balancer.
/// </summary>
public sealed partial class SimulatorCallbackTargets(IServer server, IOptionsMonitor<AppOptions> app)
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// The standalone simulator (simulate-daraja) serves portals listening on other ports of this machine: their
    /// callback path on any loopback port is theirs. Never set in a portal, where another port is someone else's.
    /// </summary>
    public bool AcceptsAnyLocalPort { get; init; }

    /// <summary>An STK push's CallBackURL: the STK path only.</summary>
    public bool IsPortalCallback(string? url) => IsPortalTarget(url, path => CallbackPath().IsMatch(path));

    /// <summary>A reversal's ResultURL or QueueTimeOutURL: the reversal paths only.</summary>
    public bool IsPortalReversalCallback(string? url) => IsPortalTarget(url, path => ReversalPath().IsMatch(path));

    /// <summary>A registered C2B URL: the confirmation path, or the validation path when <paramref name="validation"/>.</summary>
    public bool IsPortalC2BCallback(string? url, bool validation) =>
        IsPortalTarget(url, path => C2BCallbackPaths.IsC2BPath(path, out var isValidation) && isValidation == validation);

    private bool IsPortalTarget(string? url, Func<string, bool> isOwnPath)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Query.Length > 0 || target.Fragment.Length > 0
            || !string.IsNullOrEmpty(target.UserInfo))
        {
            return false;
        }

        if (AcceptsAnyLocalPort && target.Scheme is "http" or "https" && IsLoopback(target) && isOwnPath(target.AbsolutePath))
        {
            return true;
        }

        return OwnRoots().Any(root => Matches(root, target, isOwnPath));
    }

    private IEnumerable<Uri> OwnRoots()
    {
        if (Uri.TryCreate(app.CurrentValue.PublicBaseUrl?.Trim(), UriKind.Absolute, out var configured))
        {
            yield return configured;
        }

        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            // A wildcard binding (http://+:8080, 0.0.0.0, [::]) is reached from this machine as loopback.
            if (Uri.TryCreate(DarajaEndpoint.Dialable(address), UriKind.Absolute, out var own))
            {
                yield return own;
            }
        }
    }

    private static bool Matches(Uri root, Uri target, Func<string, bool> isOwnPath)
    {
        if (!string.Equals(root.Scheme, target.Scheme, StringComparison.OrdinalIgnoreCase) || root.Port != target.Port
            || !SameHost(root, target))
        {
            return false;
        }

        var prefix = root.AbsolutePath.TrimEnd('/');
        var path = target.AbsolutePath;
        return path.StartsWith(prefix + "/", StringComparison.Ordinal) && isOwnPath(path[prefix.Length..]);
    }

    private static bool SameHost(Uri root, Uri target) =>
        string.Equals(root.Host, target.Host, StringComparison.OrdinalIgnoreCase)
        || (IsLoopback(root) && IsLoopback(target));

    private static bool IsLoopback(Uri uri) =>
        LoopbackNames.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>StkCallbackEndpoint's path: one token segment, nothing after it.</summary>
    [GeneratedRegex("^/hooks/stk/[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex CallbackPath();

    [GeneratedRegex("^/hooks/reversal/[A-Za-z0-9_-]{1,100}/(?:result|timeout)$")]
    private static partial Regex ReversalPath();
}
