using System.Diagnostics;
using System.Security.Cryptography;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>
/// Sends one claimed delivery and records the answer: delivered on a 2xx, retried with growing delays on timeouts,
/// 408, 429, 5xx and network errors, final otherwise. Redirects are not followed (a 3xx is the answer), and what a
/// private address (loopback included) answered is never stored, so a webhook cannot read the portal's network.
/// </summary>
public sealed class WebhookDeliverySender(
    PortalDbContext db, RequestCallbackSecrets callbackSecrets, IDataProtectionProvider protection, WebhookTargetGuard guard,
    IOptionsMonitor<WebhookOptions> options, TimeProvider time, ILogger<WebhookDeliverySender> logger)
{
    public const string PrivateAnswer = "(The answer of an address in a private network is not stored.)";

    public async Task SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        // A span of its own (a worker has no request's): the delivery, its event and, for a payment's event, the payment.
        using var activity = PortalTelemetry.Source.StartActivity(TelemetryServiceCollectionExtensions.WebhookSpan);
        activity?.SetTag("portal.delivery_id", delivery.PublicId);
        activity?.SetTag("portal.event_type", delivery.EventType);
        if (activity is not null && WebhookOutbox.TransactionIdOf(delivery.Payload) is { } transactionId)
        {
            activity.SetTag(PortalTelemetry.TransactionIdTag, transactionId);
        }

        var endpoint = delivery.Endpoint;
        var settings = options.CurrentValue;
        int? status = null;
        string? response;
        var reachedPrivate = false;
        var watch = Stopwatch.StartNew();

        // A handler of its own for each delivery, so whether this answer came from a private address is known.
        using var handler = new SocketsHttpHandler
        {
            // The guard must judge the merchant's address, which it cannot see through a proxy.
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, token) =>
            {
                var (stream, isPrivate) = await guard.ConnectAsync(context.DnsEndPoint, token);
                reachedPrivate |= isPrivate;
                return stream;
            },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            var secret = endpoint is not null
                ? protection.CreateProtector(WebhookService.SecretPurpose).Unprotect(endpoint.SecretProtected)
                : await callbackSecrets.GetOrCreateAsync(delivery.MerchantId, cancellationToken)
                    ?? throw new CryptographicException("The request callback signing secret can no longer be read: roll it on the Webhooks page.");
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint?.Url ?? delivery.CallbackUrl)
            {
                Content = new StringContent(delivery.Payload, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(WebhookSigning.Header, WebhookSigning.Sign(secret, time.GetUtcNow().ToUnixTimeSeconds(), delivery.Payload));
            request.Headers.Add("X-Portal-Event", delivery.EventType);
            request.Headers.Add("X-Portal-Delivery", delivery.PublicId);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            using var answer = await client.SendAsync(request, timeout.Token);
            status = (int)answer.StatusCode;
            var body = reachedPrivate ? PrivateAnswer : await answer.Content.ReadAsStringAsync(timeout.Token);
            response = body.Length <= 500 ? body : body[..500];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or CryptographicException
            && !cancellationToken.IsCancellationRequested)
        {
            response = ex is TaskCanceledException ? "No answer within the timeout." : ex.Message;
        }

        // Recorded even when the stop comes now: an answer in hand must not be sent again for want of its record.
        using var recording = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await RecordAsync(delivery, status, response, (int)watch.ElapsedMilliseconds, settings, recording.Token);
    }

    private async Task RecordAsync(
        WebhookDelivery delivery, int? status, string? response, int duration, WebhookOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var delivered = status is >= 200 and < 300;
        var retryable = status is null or 408 or 429 or >= 500;
        var expired = now - delivery.CreatedAt >= TimeSpan.FromHours(settings.GiveUpHours);
        var outcome = delivered ? "delivered" : retryable && !expired ? "pending" : "failed";
        PortalTelemetry.WebhookDelivery(outcome == "pending" ? "retry" : outcome);
        IReadOnlyList<double> delays = settings.RetryDelaysSeconds.Count == 0 ? WebhookOptions.DefaultRetryDelaysSeconds : settings.RetryDelaysSeconds;
        var next = now.AddSeconds(delays[Math.Min(attempts - 1, delays.Count - 1)]);
        await db.AllWebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, outcome)
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.LastStatusCode, status)
            .SetProperty(d => d.LastResponse, response)
            .SetProperty(d => d.LastDurationMs, duration)
            .SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.DeliveredAt, delivered ? now : null), cancellationToken);
        if (delivery.EndpointId is null)
        {
            return;
        }

        var endpoints = db.AllWebhookEndpoints.Where(w => w.Id == delivery.EndpointId);
        if (delivered)
        {
            await endpoints.ExecuteUpdateAsync(s => s.SetProperty(w => w.FailingSince, (DateTimeOffset?)null), cancellationToken);
            return;
        }

        await endpoints.Where(w => w.FailingSince == null).ExecuteUpdateAsync(s => s.SetProperty(w => w.FailingSince, now), cancellationToken);
        var giveUp = now.AddHours(-settings.GiveUpHours);
        var disabled = await endpoints.Where(w => w.Enabled && w.FailingSince <= giveUp).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.Enabled, false)
            .SetProperty(w => w.DisabledReason, $"Disabled after failing for {settings.GiveUpHours:0} hours."), cancellationToken);
        if (disabled == 1)
        {
            logger.LogWarning("Webhook endpoint {EndpointId} disabled after failing for {Hours} hours", delivery.EndpointId, settings.GiveUpHours);
        }
    }
}
