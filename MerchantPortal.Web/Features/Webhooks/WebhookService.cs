using System.Text.Json;
using FluentValidation;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>A merchant's webhook endpoints and their deliveries; every query is the merchant's own.</summary>
public sealed class WebhookService(
    PortalDbContext db, IValidator<SaveWebhookRequest> validator, IDataProtectionProvider protection, IOptionsMonitor<WebhookOptions> options, TimeProvider time,
    Modes.DataMode mode, Members.BusinessAuditLog audit)
{
    public const string SecretPurpose = "MerchantPortal.Webhooks.Secret.v1";

    public async Task<IReadOnlyList<WebhookDto>> ListAsync(string merchantId, CancellationToken cancellationToken) =>
        [.. (await db.WebhookEndpoints.AsNoTracking().Where(w => w.MerchantId == merchantId).OrderBy(w => w.Id).ToListAsync(cancellationToken)).Select(ToDto)];

    public async Task<Result<SavedWebhook>> SaveAsync(string merchantId, SaveWebhookRequest request, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var endpoint = request.WebhookId is null
            ? null
            : await db.WebhookEndpoints.SingleOrDefaultAsync(w => w.MerchantId == merchantId && w.PublicId == request.WebhookId, cancellationToken);
        if (request.WebhookId is not null && endpoint is null)
        {
            return ServiceError.NotFound("webhook_not_found", "No such webhook on this merchant.");
        }

        string? secret = null;
        await using var transaction = endpoint is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (endpoint is null)
        {
            // Each endpoint is a lane of the dispatcher: a merchant gets a bounded number. Counted under a lock on
            // the merchant's row (a no-op update), so two adds at once cannot both pass.
            await db.Users.Where(u => u.Id == merchantId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.ConcurrencyStamp, u => u.ConcurrencyStamp), cancellationToken);
            var max = options.CurrentValue.MaxEndpointsPerMerchant;
            if (await db.WebhookEndpoints.CountAsync(w => w.MerchantId == merchantId, cancellationToken) >= max)
            {
                var message = $"A merchant may have at most {max} webhook endpoints: delete one, or send more events to one endpoint.";
                return new ServiceError(ErrorKind.Conflict, "too_many_webhooks", message, new Dictionary<string, string> { ["url"] = message });
            }

            endpoint = new WebhookEndpoint
            {
                PublicId = "wh_" + Ids.Random(14), MerchantId = merchantId, CreatedAt = time.GetUtcNow(), Livemode = mode.ForNewRows,
            };
            db.AllWebhookEndpoints.Add(endpoint);
            secret = NewSecret(endpoint);
        }
        else if (request.RollSecret is "1" or "true")
        {
            secret = NewSecret(endpoint);
        }

        endpoint.Url = request.Url?.Trim() ?? endpoint.Url;
        endpoint.Events = request.Events is null ? endpoint.Events : string.Join(',', SaveWebhookRequestValidator.Parse(request.Events));
        if (request.Enabled is not null)
        {
            endpoint.Enabled = request.Enabled is "1" or "true";
            endpoint.DisabledReason = endpoint.Enabled ? null : "Disabled by the merchant.";
            endpoint.FailingSince = endpoint.Enabled ? null : endpoint.FailingSince;
        }

        // The host only: a webhook URL's path may carry the merchant's own secret.
        await audit.RecordAsync(merchantId, Members.BusinessAuditActions.WebhookSave, endpoint.PublicId,
            (Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var target) ? target.Host : "") + (endpoint.Enabled ? "" : " (off)")
            + (secret is null ? "" : ", new signing secret"), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new SavedWebhook(ToDto(endpoint), secret);
    }

    public async Task<Result<bool>> DeleteAsync(string merchantId, string? webhookId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(webhookId))
        {
            return ServiceError.Invalid("invalid_webhook_id", "webhook_id is required (wh_…, from the webhooks action).", "webhook_id");
        }

        var deleted = await db.WebhookEndpoints.Where(w => w.MerchantId == merchantId && w.PublicId == webhookId).ExecuteDeleteAsync(cancellationToken);
        if (deleted != 1)
        {
            return ServiceError.NotFound("webhook_not_found", "No such webhook on this merchant.");
        }

        await audit.RecordAsync(merchantId, Members.BusinessAuditActions.WebhookDelete, webhookId.Trim(), null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<DeliveryDto>> DeliveriesAsync(string merchantId, string? webhookId, CancellationToken cancellationToken)
    {
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.MerchantId == merchantId);
        if (webhookId is not null)
        {
            query = query.Where(d => d.Endpoint!.PublicId == webhookId);
        }

        var rows = await query.Include(d => d.Endpoint).OrderByDescending(d => d.Id).Take(100).ToListAsync(cancellationToken);
        return [.. rows.Select(d => ToDto(d, d.Endpoint))];
    }

    /// <summary>Sends an event again: a new delivery of the same event (same id, same bytes).</summary>
    public async Task<Result<DeliveryDto>> RedeliverAsync(string merchantId, string? deliveryId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(deliveryId))
        {
            return ServiceError.Invalid("invalid_delivery_id", "delivery_id is required (from the webhook_deliveries action).", "delivery_id");
        }

        var original = await db.WebhookDeliveries.AsNoTracking().Include(d => d.Endpoint)
            .SingleOrDefaultAsync(d => d.MerchantId == merchantId && d.PublicId == deliveryId, cancellationToken);
        if (original is null)
        {
            return ServiceError.NotFound("delivery_not_found", "No such webhook delivery on this merchant.");
        }

        var again = WebhookOutbox.NewDelivery(
            merchantId, original.EndpointId, original.CallbackUrl, original.EventId, original.EventType, original.Payload, time.GetUtcNow(),
            original.Livemode);
        db.AllWebhookDeliveries.Add(again);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(again, original.Endpoint);
    }

    /// <summary>
    /// Queues a <c>webhook.test</c> event to one endpoint, on or off, signed like any other: the merchant checks the
    /// receiver and its signature check before a real payment depends on them. It is sent and retried like any event.
    /// </summary>
    public async Task<Result<DeliveryDto>> SendTestAsync(string merchantId, string? webhookId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(webhookId))
        {
            return ServiceError.Invalid("invalid_webhook_id", "webhook_id is required (wh_…, from the webhooks action).", "webhook_id");
        }

        var endpoint = await db.WebhookEndpoints.AsNoTracking()
            .SingleOrDefaultAsync(w => w.MerchantId == merchantId && w.PublicId == webhookId, cancellationToken);
        if (endpoint is null)
        {
            return ServiceError.NotFound("webhook_not_found", "No such webhook on this merchant.");
        }

        var now = time.GetUtcNow();
        var eventId = "evt_" + Ids.Random(20);
        var payload = JsonSerializer.Serialize(new
        {
            id = eventId,
            type = WebhookEvents.Test,
            created_at = now.ToUnixTimeSeconds(),
            livemode = endpoint.Livemode,
            api_version = WebhookEvents.ApiVersion,
            data = new
            {
                webhook = new { id = endpoint.PublicId, url = endpoint.Url },
                message = "A test event sent from the Webhooks page. No payment is involved.",
            },
        }, ApiEnvelope.Json);
        var delivery = WebhookOutbox.NewDelivery(merchantId, endpoint.Id, null, eventId, WebhookEvents.Test, payload, now, endpoint.Livemode);
        db.AllWebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(delivery, endpoint);
    }

    private string NewSecret(WebhookEndpoint endpoint)
    {
        var secret = WebhookSigning.NewSecret();
        endpoint.SecretProtected = protection.CreateProtector(SecretPurpose).Protect(secret);
        return secret;
    }

    private static WebhookDto ToDto(WebhookEndpoint w) => new(w.PublicId, w.Url, SaveWebhookRequestValidator.Parse(w.Events), w.Enabled,
        w.CreatedAt.ToUnixTimeSeconds(), w.FailingSince?.ToUnixTimeSeconds(), w.DisabledReason);

    /// <summary>
    /// A delivery names its endpoint, or only its URL when it went to a payment's own callback URL. An answer
    /// stored from a private address before the sender stopped keeping them is not shown.
    /// </summary>
    private static DeliveryDto ToDto(WebhookDelivery d, WebhookEndpoint? endpoint)
    {
        var url = endpoint?.Url ?? d.CallbackUrl ?? "";
        var response = d.LastStatusCode is not null && WebhookTargetGuard.IsPrivateHost(url) ? WebhookDeliverySender.PrivateAnswer : d.LastResponse;
        return new(d.PublicId, endpoint?.PublicId, url, d.EventId, d.EventType, d.Status,
            d.Attempts, d.LastStatusCode, response, d.LastDurationMs, d.CreatedAt.ToUnixTimeSeconds(), d.DeliveredAt?.ToUnixTimeSeconds(),
            d.Status == "pending" ? d.NextAttemptAt.ToUnixTimeSeconds() : null, d.Payload);
    }
}
