using System.Text;
using MerchantPortal.Web.Hosting;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>POSTs the STK callback of every decided session: once (Daraja does not retry), or twice when duplicated.</summary>
public sealed partial class SimulatorCallbackWorker(
    DarajaSimulatorState state,
    SimulatorCallbackTargets targets,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    ILogger<SimulatorCallbackWorker> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var session in state.ClaimDue())
                {
                    _ = DeliverAsync(session, stoppingToken);
                }

                state.Prune();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A pass that fails must not end the loop: a stopped worker would leave every later push unanswered.
                WorkerLog.PassFailed(logger, ex, nameof(SimulatorCallbackWorker));
            }

            try
            {
                await WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Wakes after <see cref="PollInterval"/> on the (possibly fake) clock, or at once when a push was accepted. A
    /// fresh delay each time: a <see cref="PeriodicTimer"/> allows one wait at a time, and a wait cancelled just as
    /// the timer ticks is released only once the ticking thread has finished with it, so the next wait could start
    /// too early: under load it threw and stopped the host.
    /// </summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var tick = Task.Delay(PollInterval, timeProvider, wait.Token);
        var work = state.WaitForWorkAsync(wait.Token);
        await Task.WhenAny(tick, work);
        await wait.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task DeliverAsync(SimulatorSession session, CancellationToken stoppingToken)
    {
        try
        {
            if (session.CallbackCount == 0)
            {
                LogSuppressed(logger, session.MerchantRequestId);
                return;
            }

            if (!targets.IsPortalCallback(session.CallbackUrl))
            {
                // Refused at push time already; checked again so no path makes this server POST elsewhere.
                LogRefusedHost(logger, session.MerchantRequestId);
                session.RecordAttempt(delivered: false);
                return;
            }

            var payload = SimulatorResponses.CallbackJson(session);
            var client = httpClientFactory.CreateClient(SimulatorEndpoints.CallbackClientName);
            for (var attempt = 1; attempt <= session.CallbackCount; attempt++)
            {
                await SendAsync(client, session, payload, attempt, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, session.MerchantRequestId, 0);
        }
    }

    private async Task SendAsync(HttpClient client, SimulatorSession session, string payload, int attempt, CancellationToken stoppingToken)
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
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator callback for {MerchantRequestId} not sent: it is not one of this portal's callback URLs")]
    private static partial void LogRefusedHost(ILogger logger, string merchantRequestId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulator callback for {MerchantRequestId} delivered (ResultCode {ResultCode}, send {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string merchantRequestId, int resultCode, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulator callback for {MerchantRequestId} suppressed (no-callback outcome)")]
    private static partial void LogSuppressed(ILogger logger, string merchantRequestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator callback for {MerchantRequestId} answered HTTP {Status} (send {Attempt}); not retried")]
    private static partial void LogRejected(ILogger logger, string merchantRequestId, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator callback for {MerchantRequestId} failed (send {Attempt}); not retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, string merchantRequestId, int attempt);
}
