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

    /// <summary>
    /// Whether webhook URLs and request callback URLs may point into loopback, private, link-local, unique-local,
    /// CGNAT or cloud-metadata networks. Unset, it follows <c>Mpesa:Mode</c>: allowed with the simulator, so a
    /// developer's fresh clone can post to a receiver on their own machine, and refused in Sandbox and
    /// Production, where a merchant-chosen URL must never reach the portal's own network (SSRF).
    /// </summary>
    public bool? AllowPrivateNetworks { get; set; }
}
