using System.Diagnostics;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>
/// Sends due outbox rows, off the request threads: at least once, retried with growing delays on timeouts, 408,
/// 429, 5xx and network errors; other answers are final. Each row is claimed by a compare-and-swap on
/// NextAttemptAt, so instances sharing a database never send one attempt twice. An endpoint failing for
/// <see cref="WebhookOptions.GiveUpHours"/> is disabled, with the reason shown to the merchant. A payment's own
/// callback URL is sent the same way, signed with the merchant's request callback secret; it has no endpoint to
/// disable, so its delivery simply fails after that time.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory clients, IDataProtectionProvider protection,
    IOptionsMonitor<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger) : PollingWorker(time, logger)
{
    public const string ClientName = "webhooks";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(0.05, options.CurrentValue.PollSeconds));

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var callbackSecrets = scope.ServiceProvider.GetRequiredService<RequestCallbackSecrets>();
        var now = Time.GetUtcNow();
        var due = await db.WebhookDeliveries.AsNoTracking().Include(d => d.Endpoint)
            .Where(d => d.Status == "pending" && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(20).ToListAsync(cancellationToken);
        foreach (var delivery in due)
        {
            var lease = now.AddSeconds(options.CurrentValue.TimeoutSeconds * 3);
            var claimed = await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.NextAttemptAt == delivery.NextAttemptAt && d.Status == "pending")
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, lease), cancellationToken);
            if (claimed == 1)
            {
                await SendAsync(db, callbackSecrets, delivery, cancellationToken);
            }
        }
    }

    private async Task SendAsync(PortalDbContext db, RequestCallbackSecrets callbackSecrets, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var endpoint = delivery.Endpoint;
        var settings = options.CurrentValue;
        int? status = null;
        string? response;
        var watch = Stopwatch.StartNew();
        try
        {
            var secret = endpoint is not null
                ? protection.CreateProtector(WebhookService.SecretPurpose).Unprotect(endpoint.SecretProtected)
                : await callbackSecrets.GetOrCreateAsync(delivery.MerchantId, cancellationToken)
                    ?? throw new System.Security.Cryptography.CryptographicException(
                        "The request callback signing secret can no longer be read: roll it on the Webhooks page.");
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint?.Url ?? delivery.CallbackUrl)
            {
                Content = new StringContent(delivery.Payload, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(WebhookSigning.Header, WebhookSigning.Sign(secret, Time.GetUtcNow().ToUnixTimeSeconds(), delivery.Payload));
            request.Headers.Add("X-Portal-Event", delivery.EventType);
            request.Headers.Add("X-Portal-Delivery", delivery.PublicId);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            using var answer = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            status = (int)answer.StatusCode;
            var body = await answer.Content.ReadAsStringAsync(timeout.Token);
            response = body.Length <= 500 ? body : body[..500];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Security.Cryptography.CryptographicException
            && !cancellationToken.IsCancellationRequested)
        {
            response = ex is TaskCanceledException ? "No answer within the timeout." : ex.Message;
        }

        await RecordAsync(db, delivery, status, response, (int)watch.ElapsedMilliseconds, settings, cancellationToken);
    }

    private async Task RecordAsync(
        PortalDbContext db, WebhookDelivery delivery, int? status, string? response, int duration, WebhookOptions settings, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var delivered = status is >= 200 and < 300;
        var retryable = status is null or 408 or 429 or >= 500;
        var expired = now - delivery.CreatedAt >= TimeSpan.FromHours(settings.GiveUpHours);
        var outcome = delivered ? "delivered" : retryable && !expired ? "pending" : "failed";
        IReadOnlyList<double> delays = settings.RetryDelaysSeconds.Count == 0 ? WebhookOptions.DefaultRetryDelaysSeconds : settings.RetryDelaysSeconds;
        var next = now.AddSeconds(delays[Math.Min(attempts - 1, delays.Count - 1)]);
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
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

        var endpoints = db.WebhookEndpoints.Where(w => w.Id == delivery.EndpointId);
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
