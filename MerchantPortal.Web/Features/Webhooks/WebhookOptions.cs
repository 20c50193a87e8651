namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>Webhook delivery settings (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public double PollSeconds { get; set; } = 1;

    /// <summary>
    /// Waits after each failed attempt; the last one repeats until <see cref="GiveUpHours"/>. Empty means
    /// <see cref="DefaultRetryDelaysSeconds"/> (a list default would be appended to, not replaced, by configuration).
    /// </summary>
    public List<double> RetryDelaysSeconds { get; set; } = [];

    /// <summary>About 10 s, 1 min, 5 min, then longer.</summary>
    public static readonly double[] DefaultRetryDelaysSeconds = [10, 60, 300, 1800, 7200, 21600];

    public double GiveUpHours { get; set; } = 72;

    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Deliveries in flight at once, across all merchants (each endpoint has one at a time).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>Deliveries in flight at once for one merchant, so one merchant's many slow targets leave room for others.</summary>
    public int MaxConcurrentPerMerchant { get; set; } = 4;

    /// <summary>Webhook endpoints a merchant may have; one more is refused (409 <c>too_many_webhooks</c>).</summary>
    public int MaxEndpointsPerMerchant { get; set; } = 16;

    /// <summary>
    /// The operator's choice to let webhook and request callback URLs point into loopback and private networks
    /// (10/8, 172.16/12, 192.168/16, CGNAT, unique-local IPv6), say for a receiver on the operator's own network.
    /// Unset or false: public addresses only, except that with the simulator loopback is allowed, so a developer's
    /// fresh clone can post to a receiver on their own machine. False with the simulator refuses loopback too.
    /// Link-local addresses (the cloud metadata service) are refused whatever this says (<see cref="WebhookTargetGuard"/>).
    /// </summary>
    public bool? AllowPrivateNetworks { get; set; }
}
