using System.Net;
using System.Text;
using MerchantPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>POSTs the STK callback of every decided session: once (Daraja does not retry), or twice when duplicated.</summary>
public sealed partial class SimulatorCallbackWorker(
    DarajaSimulatorState state,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    IOptionsMonitor<AppOptions> app,
    ILogger<SimulatorCallbackWorker> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, timeProvider);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var session in state.ClaimDue())
            {
                _ = DeliverAsync(session, stoppingToken);
            }

            state.Prune();

            // Wake on the next tick of the (possibly fake) clock, or at once when a push was accepted.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var tick = timer.WaitForNextTickAsync(wait.Token).AsTask();
            await Task.WhenAny(tick, state.WaitForWorkAsync(wait.Token));
            await wait.CancelAsync();
            if (tick.IsCompletedSuccessfully && !tick.Result)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(SimulatorSession session, CancellationToken stoppingToken)
    {
        if (session.CallbackCount == 0)
        {
            LogSuppressed(logger, session.MerchantRequestId);
            return;
        }

        if (!IsOwnHost(session.CallbackUrl))
        {
            // Anyone can call the simulator; it must not become a way to make this server POST elsewhere.
            LogRefusedHost(logger, session.MerchantRequestId);
            session.RecordAttempt(delivered: false);
            return;
        }

        var payload = SimulatorResponses.CallbackJson(session);
        var client = httpClientFactory.CreateClient(SimulatorEndpoints.CallbackClientName);
        for (var attempt = 1; attempt <= session.CallbackCount; attempt++)
        {
            try
            {
                using var content = new StringContent(payload, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(session.CallbackUrl, content, stoppingToken);
                var delivered = response.IsSuccessStatusCode;
                session.RecordAttempt(delivered);
                if (delivered)
                {
                    LogDelivered(logger, session.MerchantRequestId, session.Outcome.ResultCode, attempt);
                }
                else
                {
                    LogRejected(logger, session.MerchantRequestId, (int)response.StatusCode, attempt);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                session.RecordAttempt(delivered: false);
                LogFailed(logger, ex, session.MerchantRequestId, attempt);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Callbacks go only to this machine or to the portal's own public address.</summary>
    private bool IsOwnHost(string url)
    {
        var uri = new Uri(url);
        if (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))
        {
            return true;
        }

        return Uri.TryCreate(app.CurrentValue.PublicBaseUrl, UriKind.Absolute, out var own)
            && string.Equals(own.Host, uri.Host, StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator callback for {MerchantRequestId} not sent: its host is neither this machine nor App:PublicBaseUrl")]
    private static partial void LogRefusedHost(ILogger logger, string merchantRequestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator callback for {MerchantRequestId} delivered (ResultCode {ResultCode}, send {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string merchantRequestId, int resultCode, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator callback for {MerchantRequestId} suppressed (no-callback outcome)")]
    private static partial void LogSuppressed(ILogger logger, string merchantRequestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator callback for {MerchantRequestId} answered HTTP {Status} (send {Attempt}); not retried")]
    private static partial void LogRejected(ILogger logger, string merchantRequestId, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator callback for {MerchantRequestId} failed (send {Attempt}); not retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, string merchantRequestId, int attempt);
}
