using MerchantPortal.Web.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>
/// deploy/compose.yaml parses (anchors and merge keys resolved) and holds what the README's "Deploying" section says:
/// PostgreSQL, a migrate job, two portal replicas with the settings a real deployment needs, and Caddy in front,
/// trusted by its fixed address and sending traffic only to ready portals.
/// </summary>
public sealed class DeployComposeTests
{
    private static readonly string Root = Path.GetDirectoryName(SourceTree.WebProject())!;

    private static readonly string[] PortalSettings =
    [
        "Database__Provider", "ConnectionStrings__Default", "Database__MigrateOnStart", "App__PublicBaseUrl", "App__TrustedProxies",
        "DataProtection__Certificate__Path", "DataProtection__Certificate__Password", "Mpesa__Mode",
    ];

    [Fact]
    public void TheComposeFileDefinesTheDatabaseAMigrateJobTwoPortalsAndATlsProxy()
    {
        var services = Map(Compose()["services"]);
        Assert.Equal(["caddy", "db", "migrate", "portal-1", "portal-2"], services.Keys.Select(k => (string)k).Order(StringComparer.Ordinal));

        var caddyAddress = (string)Map(Map(Map(services["caddy"])["networks"])["portal"])["ipv4_address"];
        foreach (var name in new[] { "migrate", "portal-1", "portal-2" })
        {
            var service = Map(services[name]);
            var environment = Map(service["environment"]);
            Assert.All(PortalSettings, setting => Assert.True(environment.ContainsKey(setting), $"{name} lacks {setting}"));
            Assert.Equal("Postgres", environment["Database__Provider"]);
            Assert.Equal("false", environment["Database__MigrateOnStart"]);
            Assert.Equal(caddyAddress, environment["App__TrustedProxies"]);
            Assert.StartsWith("https://", (string)environment["App__PublicBaseUrl"]);
            Assert.Contains("keyring_pfx", ((List<object>)service["secrets"]).Cast<string>());
        }

        Assert.Equal(["migrate"], ((List<object>)Map(services["migrate"])["command"]).Cast<string>());
        Assert.Equal("service_completed_successfully", Map(Map(Map(services["portal-1"])["depends_on"])["migrate"])["condition"]);
        Assert.Contains("443:443", ((List<object>)Map(services["caddy"])["ports"]).Cast<string>());
    }

    [Fact]
    public void CaddyBalancesBothPortalsAndAsksThemIfTheyAreReady()
    {
        var caddyfile = File.ReadAllText(Path.Combine(Root, "deploy", "Caddyfile"));
        Assert.Contains("reverse_proxy portal-1:8080 portal-2:8080", caddyfile);
        Assert.Contains("health_uri /healthz/ready", caddyfile);
    }

    [Fact]
    public void TheReadmesDeployingSectionNamesWhatTheComposeFileNeeds()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var start = readme.IndexOf("\n## Deploying", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no Deploying section.");
        var end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var example = File.ReadAllText(Path.Combine(Root, "deploy", "env.example"));
        foreach (var variable in new[] { "PORTAL_HOST", "POSTGRES_PASSWORD", "KEYRING_PASSWORD", "MPESA_MODE" })
        {
            Assert.Contains(variable, section);
            Assert.Contains(variable + "=", example);
        }

        Assert.Contains("deploy/compose.yaml", section);
        Assert.Contains("keyring.pfx", section);
        Assert.Contains("migrate", section);
    }

    [Fact]
    public void TheGrafanaDashboardChartsEveryPortalMetricAndMetricsStayInside()
    {
        using var dashboard = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "deploy", "grafana-dashboard.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        foreach (var metric in new[]
        {
            "portal_stk_push_requests_total", "portal_payments_settled_total", "portal_payment_settle_seconds_bucket",
            "portal_reconciler_pending", "portal_daraja_request_seconds_bucket", "portal_webhook_deliveries_total",
            "portal_webhook_outbox_lag_seconds",
        })
        {
            Assert.Contains(expressions, e => e.Contains(metric, StringComparison.Ordinal));
        }

        Assert.Equal("DS_PROMETHEUS", dashboard.RootElement.GetProperty("__inputs")[0].GetProperty("name").GetString());
        Assert.Contains("respond /metrics 404", File.ReadAllText(Path.Combine(Root, "deploy", "Caddyfile")));
        var environment = Map(Map(Map(Compose()["services"])["portal-1"])["environment"]);
        Assert.True(environment.ContainsKey("Telemetry__MetricsAllowedIps"));
        Assert.True(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    private static Dictionary<object, object> Compose()
    {
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Root, "deploy", "compose.yaml")));
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
    }

    private static Dictionary<object, object> Map(object node) => Assert.IsType<Dictionary<object, object>>(node);
}
