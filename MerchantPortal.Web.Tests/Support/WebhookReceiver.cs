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
    private readonly ConcurrentDictionary<string, string> redirects = new();
    private readonly ConcurrentDictionary<string, bool> hanging = new();
    private readonly ConcurrentDictionary<string, int> inFlight = new();
    private readonly ConcurrentDictionary<string, int> maxInFlight = new();
    private readonly CancellationTokenSource stopping = new();

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
            var now = receiver.inFlight.AddOrUpdate(name, 1, (_, n) => n + 1);
            receiver.maxInFlight.AddOrUpdate(name, now, (_, n) => Math.Max(n, now));
            try
            {
                if (receiver.hanging.ContainsKey(name))
                {
                    // Until the sender gives up (closes the connection) or the receiver stops.
                    using var hang = CancellationTokenSource.CreateLinkedTokenSource(receiver.stopping.Token, request.HttpContext.RequestAborted);
                    await Task.Delay(Timeout.Infinite, hang.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                if (receiver.redirects.TryGetValue(name, out var location))
                {
                    return Results.Redirect(location);
                }

                var status = receiver.scripts.TryGetValue(name, out var queue) && queue.TryDequeue(out var scripted) ? scripted : 200;
                return Results.Text("ok", statusCode: status);
            }
            finally
            {
                receiver.inFlight.AddOrUpdate(name, 0, (_, n) => n - 1);
            }
        });
        await app.StartAsync();
        receiver.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    /// <summary>The next answers for one endpoint, then 200.</summary>
    public void Answer(string name, params int[] statuses) => scripts[name] = new ConcurrentQueue<int>(statuses);

    /// <summary>This endpoint never answers (until the receiver stops), like a server that hangs.</summary>
    public void Hang(string name) => hanging[name] = true;

    /// <summary>This endpoint answers 302 to <paramref name="location"/>.</summary>
    public void RedirectTo(string name, string location) => redirects[name] = location;

    /// <summary>The most requests this endpoint had open at one time.</summary>
    public int MostAtOnce(string name) => maxInFlight.TryGetValue(name, out var most) ? most : 0;

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

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
