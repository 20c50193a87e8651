using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// A load balancer in front of portal instances, as Caddy is in deploy/compose.yaml (round robin, <c>health_uri
/// /healthz/ready</c>, <c>lb_try_duration</c>): YARP's forwarder sends each request to the next instance whose
/// readiness answered 200 at the last check (every half second); a request that could not even connect (the
/// instance is gone) is tried on the next one, so a killed instance loses only the requests it was serving.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly Uri[] instances;
    private readonly bool[] ready;
    private readonly HttpClient probe = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly HttpMessageInvoker client = new(new SocketsHttpHandler
    {
        UseProxy = false, AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(2),
    });
    private int next;

    private RoundRobinProxy(WebApplication app, Uri address, IReadOnlyList<Uri> instances)
    {
        this.app = app;
        Address = address;
        this.instances = [.. instances];
        ready = [.. instances.Select(_ => true)];
    }

    public Uri Address { get; }

    /// <summary>Requests that reached no instance after trying each (answered 502 to the caller).</summary>
    public int Unroutable { get; private set; }

    public static async Task<RoundRobinProxy> StartAsync(int port, IReadOnlyList<Uri> instances)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var proxy = new RoundRobinProxy(app, new Uri($"http://127.0.0.1:{port}"), instances);
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var config = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(90) };
        app.Run(context => proxy.ForwardAsync(context, forwarder, proxy.client, config));
        await app.StartAsync();
        _ = proxy.CheckReadinessAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context, IHttpForwarder forwarder, HttpMessageInvoker client, ForwarderRequestConfig config)
    {
        // Kept so that a request refused at connect can be sent again whole.
        context.Request.EnableBuffering();
        for (var tried = 0; tried < instances.Length * 2; tried++)
        {
            var index = Pick();
            context.Request.Body.Position = 0;
            var error = await forwarder.SendAsync(context, instances[index].ToString(), client, config, HttpTransformer.Default);
            if (error == ForwarderError.None)
            {
                return;
            }

            var failure = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            if (error != ForwarderError.Request || context.Response.HasStarted || !RefusedAtConnect(failure))
            {
                // It may have been processed: a load balancer does not send it again.
                return;
            }

            ready[index] = false;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status200OK;
        }

        Unroutable++;
        context.Response.StatusCode = StatusCodes.Status502BadGateway;
    }

    private static bool RefusedAtConnect(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }

    private int Pick()
    {
        for (var i = 0; i < instances.Length; i++)
        {
            var index = (int)((uint)Interlocked.Increment(ref next) % (uint)instances.Length);
            if (ready[index])
            {
                return index;
            }
        }

        return (int)((uint)Interlocked.Increment(ref next) % (uint)instances.Length);
    }

    private async Task CheckReadinessAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            for (var i = 0; i < instances.Length; i++)
            {
                try
                {
                    using var answer = await probe.GetAsync(new Uri(instances[i], "/healthz/ready"), stopping.Token);
                    ready[i] = answer.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception) when (!stopping.IsCancellationRequested)
                {
                    ready[i] = false;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(500, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        probe.Dispose();
        client.Dispose();
        stopping.Dispose();
    }
}
