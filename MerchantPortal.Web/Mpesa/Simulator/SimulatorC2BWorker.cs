using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>
/// Sends each menu payment's validation (when the shortcode registered a ValidationURL), then its confirmation: never
/// retried, as Daraja does not retry, and never holding up the simulate answer.
/// </summary>
public sealed partial class SimulatorC2BWorker(
    SimulatorC2BLedger ledger,
    SimulatorCallbackTargets targets,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    IOptionsMonitor<MpesaOptions> options,
    ILogger<SimulatorC2BWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payment in ledger.Work.ReadAllAsync(stoppingToken))
            {
                _ = DeliverAsync(payment, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(SimulatorC2BPayment payment, CancellationToken stoppingToken)
    {
        try
        {
            // No URLs registered: M-Pesa completes the payment and tells nobody (Pull Transactions still lists it).
            if (payment.Registration is not { } registration)
            {
                LogUnregistered(logger, payment.Receipt, payment.ShortCode);
                return;
            }

            var client = httpClientFactory.CreateClient(SimulatorEndpoints.CallbackClientName);
            if (registration.ValidationUrl is { } validationUrl && !await ValidateAsync(client, payment, registration, validationUrl, stoppingToken))
            {
                return;
            }

            if (!targets.IsPortalC2BCallback(registration.ConfirmationUrl, validation: false))
            {
                // Refused at registration already; checked again so no path makes this server POST elsewhere.
                LogRefusedHost(logger, payment.Receipt);
                return;
            }

            var body = SimulatorC2BResponses.CallbackJson(payment, validation: false);
            for (var attempt = 1; attempt <= payment.ConfirmationCount; attempt++)
            {
                await ConfirmAsync(client, payment, registration.ConfirmationUrl, body, attempt, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, payment.Receipt, "delivery");
        }
    }

    /// <summary>
    /// Whether the payment goes on to its confirmation. A ResultCode other than 0 refuses it; no answer in time (or
    /// one that is not an answer) leaves the decision to the registered ResponseType, as Daraja does.
    /// </summary>
    private async Task<bool> ValidateAsync(
        HttpClient client, SimulatorC2BPayment payment, SimulatorC2BRegistration registration, string url, CancellationToken stoppingToken)
    {
        var verdict = targets.IsPortalC2BCallback(url, validation: true)
            ? await AskAsync(client, payment, url, stoppingToken)
            : null;
        if (verdict is { } code && code != "0")
        {
            payment.Refuse(code);
            LogRefused(logger, payment.Receipt, code);
            return false;
        }

        if (verdict is null && registration.ResponseType == SimulatorC2BValidation.Cancelled)
        {
            payment.Cancel();
            LogDefaulted(logger, payment.Receipt, registration.ResponseType);
            return false;
        }

        ledger.Complete(payment);
        return true;
    }

    /// <summary>The validation answer's ResultCode, or null when none came in time.</summary>
    private async Task<string?> AskAsync(HttpClient client, SimulatorC2BPayment payment, string url, CancellationToken stoppingToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(0.1, options.CurrentValue.Simulator.C2BValidationTimeoutSeconds));
        // On the injected clock, so a test's fake time decides when the merchant is too late.
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        try
        {
            using var content = new StringContent(SimulatorC2BResponses.CallbackJson(payment, validation: true), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(url, content, linked.Token);
            var text = await response.Content.ReadAsStringAsync(linked.Token);
            var (code, thirdParty) = response.IsSuccessStatusCode ? ReadVerdict(text) : (null, null);
            payment.RecordValidation(code, thirdParty);
            return code;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            payment.RecordValidation(null, null);
            LogFailed(logger, ex, payment.Receipt, "validation");
            return null;
        }
    }

    /// <summary>ResultCode as a string or a number (older samples send 0); anything unreadable is no answer.</summary>
    private static (string? Code, string? ThirdPartyTransId) ReadVerdict(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (DarajaJson.Text(root, "ResultCode") is not { } code)
            {
                return (null, null);
            }

            var thirdParty = root.TryGetProperty("ThirdPartyTransID", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            return (code, thirdParty);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private async Task ConfirmAsync(HttpClient client, SimulatorC2BPayment payment, string url, string body, int attempt, CancellationToken stoppingToken)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(url, content, stoppingToken);
            payment.RecordConfirmation(response.IsSuccessStatusCode);
            LogConfirmed(logger, payment.Receipt, (int)response.StatusCode, attempt);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            payment.RecordConfirmation(delivered: false);
            LogFailed(logger, ex, payment.Receipt, "confirmation");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated C2B payment {Receipt} to {ShortCode}: no URLs registered, nothing sent")]
    private static partial void LogUnregistered(ILogger logger, string receipt, string shortCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated C2B payment {Receipt}: its URL is not one of this portal's C2B paths; nothing sent")]
    private static partial void LogRefusedHost(ILogger logger, string receipt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated C2B payment {Receipt} refused by validation ({ResultCode})")]
    private static partial void LogRefused(ILogger logger, string receipt, string resultCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated C2B payment {Receipt}: validation did not answer, ResponseType {ResponseType} decided")]
    private static partial void LogDefaulted(ILogger logger, string receipt, string responseType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated C2B confirmation {Receipt} answered HTTP {Status} (send {Attempt}); not retried")]
    private static partial void LogConfirmed(ILogger logger, string receipt, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated C2B {Step} for {Receipt} failed; not retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, string receipt, string step);
}
