using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>A merchant's server on loopback: records every webhook and answers with the statuses it is told to.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> scripts = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<(string Path, string Signature, string Body)> Received { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook/{name}", async (string name, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(($"/hook/{name}", request.Headers["X-Portal-Signature"].ToString(), body));
            var status = receiver.scripts.TryGetValue(name, out var queue) && queue.TryDequeue(out var scripted) ? scripted : 200;
            return Results.Text("ok", statusCode: status);
        });
        await app.StartAsync();
        receiver.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    /// <summary>The next answers for one endpoint, then 200.</summary>
    public void Answer(string name, params int[] statuses) => scripts[name] = new ConcurrentQueue<int>(statuses);

    public string Url(string name) => new Uri(BaseUri, "/hook/" + name).ToString();

    public IReadOnlyList<(string Path, string Signature, string Body)> For(string name) =>
        [.. Received.Where(r => r.Path == "/hook/" + name)];

    /// <summary>What one endpoint received, once it has <paramref name="count"/> requests or 15 seconds have passed.</summary>
    public async Task<IReadOnlyList<(string Path, string Signature, string Body)>> WaitForAsync(string name, int count)
    {
        for (var i = 0; i < 150 && For(name).Count < count; i++)
        {
            await Task.Delay(100);
        }

        return For(name);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
