using System.Collections.Concurrent;
using System.Text;
using MerchantPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>
/// Traces leave by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, with nothing else configured: the portal as its
/// own process sends its spans (OTLP over HTTP, protobuf) to a collector stand-in, named as the merchant portal.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task WithAnOtlpEndpointSetTheRequestsSpansAreExportedThere()
    {
        var ct = TestContext.Current.CancellationToken;
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Path.Value!, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync(ct);
        var endpoint = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        using var http = portal.NewClient();
        using var answer = await http.GetAsync("/index.php?action=plans", ct);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!received.Any(r => r.Path == "/v1/traces" && Contains(r.Body, "index.php")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        var traces = received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.Contains(traces, r => Contains(r.Body, "index.php") && Contains(r.Body, "merchant-portal"));
        await collector.StopAsync(ct);
    }

    /// <summary>Protobuf keeps strings as UTF-8 bytes: a name sent is found as is.</summary>
    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
