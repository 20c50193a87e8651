using System.Net;
using System.Net.Sockets;
using FluentValidation;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Mpesa;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>
/// Keeps merchant-chosen URLs (webhook endpoints, request callback URLs) out of the portal's own networks. Checked
/// when a URL is saved, for a clear error, and again on every connection, on the very addresses connected to,
/// because a name can resolve elsewhere later (DNS rebinding). What is allowed (README, Webhooks:AllowPrivateNetworks):
/// public addresses always; loopback too with the simulator, so a developer's local receiver works on a fresh
/// clone; loopback and private networks when the operator sets AllowPrivateNetworks; link-local (cloud metadata),
/// multicast and reserved addresses never. In Sandbox and Production the server's own interface addresses and the
/// documentation ranges are refused as well.
/// </summary>
public sealed class WebhookTargetGuard(
    IOptionsMonitor<WebhookOptions> options, IOptionsMonitor<MpesaOptions> mpesa, ServerInterfaceAddresses interfaces)
{
    private static readonly TimeSpan SaveTimeLookup = TimeSpan.FromSeconds(3);

    /// <summary>Why the URL may not be saved, or null. A name that does not resolve now passes: delivery checks again.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(SaveTimeLookup);
            addresses = await ResolveAsync(uri.DnsSafeHost, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return addresses.Select(a => Refusal(uri.DnsSafeHost, a)).FirstOrDefault(r => r is not null) is { } refusal
            ? $"must be a public address: {refusal}."
            : null;
    }

    /// <summary>
    /// Connects one delivery (the webhook client's <c>ConnectCallback</c>): resolve once, refuse if any address is
    /// not allowed, connect to the checked ones. Says whether the address reached is private (loopback included),
    /// whose answers are never stored.
    /// </summary>
    public async Task<(Stream Stream, bool Private)> ConnectAsync(DnsEndPoint target, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(target.Host, cancellationToken);
        if (addresses.Select(a => Refusal(target.Host, a)).FirstOrDefault(r => r is not null) is { } refusal)
        {
            throw new HttpRequestException($"Refused to connect: {refusal}; webhooks go only to public addresses (Webhooks:AllowPrivateNetworks).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, target.Port, cancellationToken);
            var reached = (socket.RemoteEndPoint as IPEndPoint)?.Address;
            return (new NetworkStream(socket, ownsSocket: true), reached is null || IsPrivateTarget(reached));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Loopback, private, link-local, reserved or documentation: anything but a public address.</summary>
    public static bool IsPrivate(IPAddress address) =>
        WebhookAddresses.Classify(address) is not (AddressKind.Public or AddressKind.Documentation);

    /// <summary>Whether a URL's host is written as a private address or is localhost, to hide old answers stored from it.</summary>
    public static bool IsPrivateHost(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost.Trim('[', ']'), out var ip) && IsPrivate(ip)));

    private bool IsPrivateTarget(IPAddress address) => IsPrivate(address) || interfaces.Contains(address);

    /// <summary>Why this address is not allowed, or null.</summary>
    private string? Refusal(string host, IPAddress address)
    {
        var allowPrivate = options.CurrentValue.AllowPrivateNetworks;
        var simulator = mpesa.CurrentValue.IsSimulator;
        var live = !simulator;
        var kind = WebhookAddresses.Classify(address);
        var allowed = kind switch
        {
            AddressKind.Public => allowPrivate == true || !live || !interfaces.Contains(address),
            AddressKind.Documentation => !live,
            AddressKind.Loopback => allowPrivate == true || (allowPrivate is null && simulator),
            AddressKind.Private => allowPrivate == true,
            _ => false,
        };
        if (allowed)
        {
            return null;
        }

        var what = kind switch
        {
            AddressKind.Public => "this server's own address",
            AddressKind.Documentation => "in a documentation range, never a real server",
            AddressKind.LinkLocal => "in a link-local network (cloud metadata)",
            _ => "in a private, loopback or link-local network",
        };
        return IPAddress.TryParse(host.Trim('[', ']'), out _) ? $"{address} is {what}" : $"{host} resolves to {address}, {what}";
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>The one rule for a URL the portal will POST events to.</summary>
public static class WebhookUrlRules
{
    public static IRuleBuilderOptions<T, string?> WebhookTarget<T>(this IRuleBuilderInitial<T, string?> rule, WebhookTargetGuard guard, string errorCode) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(ValidationExtensions.IsHttpUrl).WithErrorCode(errorCode).WithMessage("{PropertyName} must be an http:// or https:// URL.")
            .MaximumLength(500).WithErrorCode(errorCode).WithMessage("{PropertyName} must be at most 500 characters.")
            .MustAsync(async (_, url, context, cancellationToken) =>
            {
                var refusal = await guard.RefusalAsync(url!, cancellationToken);
                context.MessageFormatter.AppendArgument("Refusal", refusal);
                return refusal is null;
            }).WithErrorCode(errorCode).WithMessage("{PropertyName} {Refusal}");
}
