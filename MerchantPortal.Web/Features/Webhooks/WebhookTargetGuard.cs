using System.Net;
using System.Net.Sockets;
using FluentValidation;
using MerchantPortal.Web.Features.Common;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>
/// Keeps merchant-chosen URLs (webhook endpoints, request callback URLs) out of the portal's own networks, unless
/// <see cref="WebhookOptions.AllowPrivateNetworks"/>. Checked when a URL is saved, for a clear error, and again on
/// every connection, on the very addresses connected to, because a name can resolve elsewhere later (DNS
/// rebinding) and a redirect can point anywhere.
/// </summary>
public sealed class WebhookTargetGuard(IOptionsMonitor<WebhookOptions> options)
{
    private static readonly TimeSpan SaveTimeLookup = TimeSpan.FromSeconds(3);

    private bool Enabled => options.CurrentValue.AllowPrivateNetworks is not true;

    /// <summary>Why the URL may not be saved, or null. A name that does not resolve now passes: delivery checks again.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken cancellationToken)
    {
        if (!Enabled || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
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

        return addresses.FirstOrDefault(IsPrivate) is { } blocked ? $"must be a public address: {Describe(uri.DnsSafeHost, blocked)}." : null;
    }

    /// <summary>The webhook client's <c>ConnectCallback</c>: resolve once, refuse private addresses, connect to the checked ones.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        if (Enabled && addresses.FirstOrDefault(IsPrivate) is { } blocked)
        {
            throw new HttpRequestException(
                $"Refused to connect: {Describe(host, blocked)}; webhooks go only to public addresses (Webhooks:AllowPrivateNetworks).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loopback, "this network", RFC 1918 private, CGNAT (100.64/10), link-local (with the cloud metadata address
    /// 169.254.169.254), IETF and benchmarking ranges, multicast and reserved; in IPv6 the same kinds, unique-local
    /// and site-local, and forms that embed an IPv4 address (mapped, compatible, NAT64), judged by that address.
    /// </summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            if (address.IsIPv4MappedToIPv6 || Nat64.SequenceEqual(v6[..12]))
            {
                return IsPrivate(new IPAddress(v6[12..]));
            }

            return v6[..12].All(b => b == 0) // ::, ::1 and the deprecated IPv4-compatible forms
                || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127,
            169 => b[1] == 254,
            172 => b[1] is >= 16 and <= 31,
            192 => b[1] == 168 || (b[1] == 0 && b[2] == 0),
            198 => b[1] is 18 or 19,
            >= 224 => true,
            _ => false,
        };
    }

    private static readonly byte[] Nat64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    private static string Describe(string host, IPAddress address) => IPAddress.TryParse(host.Trim('[', ']'), out _)
        ? $"{address} is in a private, loopback or link-local network"
        : $"{host} resolves to {address}, in a private, loopback or link-local network";
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
