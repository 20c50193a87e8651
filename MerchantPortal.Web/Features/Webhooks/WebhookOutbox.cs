using System.Text.Json;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>
/// Writes the events a payment's move raises, for each endpoint that wants them and for the payment's own
/// <c>callback_url</c>. It is a move handler, so it runs inside the move's database transaction: the state change
/// and its events commit together or not at all. Each event's body is serialised once; those exact bytes are
/// signed and sent on every attempt. A settled payment's later update (its receipt) raises <c>transaction.updated</c>
/// the same way.
/// </summary>
public sealed class WebhookOutbox(PortalDbContext db, LinkCollections collections, TimeProvider time) : IPaymentMoveHandler, IPaymentUpdateHandler
{
    /// <summary>
    /// The payments whose moves something hears of: those with a callback URL, with a link (which a payment may complete,
    /// marking it paid even when nobody listens), or whose merchant has an enabled webhook endpoint of their mode. The
    /// same three that <see cref="EnqueueAsync"/> writes for: a payment outside them has nothing to write. Asked with the
    /// payment before a move (<see cref="TransactionOutcomeService"/>), so the move can skip this outbox's read.
    /// </summary>
    public static IQueryable<PaymentTransaction> Heard(PortalDbContext db) => db.AllTransactions.Where(t =>
        t.CallbackUrl != null || t.PaymentLinkId != null
        || db.AllWebhookEndpoints.Any(w => w.MerchantId == t.MerchantId && w.Livemode == t.Livemode && w.Enabled));

    /// <summary>
    /// The move's events. A payment read just before its move to be outside <see cref="Heard"/>
    /// (<see cref="PaymentMoved.Heard"/> false) has none to write: a callback then costs one read less.
    /// </summary>
    public Task OnMovedAsync(PaymentMoved moved, CancellationToken cancellationToken) =>
        moved.Heard == false ? Task.CompletedTask : EnqueueAsync(moved.TransactionId, EventsFor, cancellationToken);

    /// <summary>
    /// The events of a payment recorded already succeeded (a payment from the M-Pesa menu): the same as a push's move
    /// to succeeded. Call it inside the transaction that inserts the row.
    /// </summary>
    public Task OnRecordedAsync(long transactionId, CancellationToken cancellationToken) => EnqueueAsync(transactionId, EventsFor, cancellationToken);

    /// <summary>
    /// The merchant attributed an unmatched payment to a link: <c>link.paid</c>, when it pays the link (see
    /// <see cref="LinkCollections.CompletesAsync"/>). Call it inside the transaction that sets the payment's link.
    /// </summary>
    public Task OnAssignedAsync(long transactionId, CancellationToken cancellationToken) =>
        EnqueueAsync(transactionId, (t, linkPaid) => linkPaid && t.LinkPublicId is not null ? [WebhookEvents.LinkPaid] : [], cancellationToken);

    public Task OnUpdatedAsync(PaymentUpdated updated, CancellationToken cancellationToken) =>
        EnqueueAsync(updated.TransactionId, (_, _) => [WebhookEvents.Updated], cancellationToken, decidesLinkPaid: false);

    /// <param name="events">The payment's events, given whether it pays its link now (<see cref="LinkCollections"/>).</param>
    private async Task EnqueueAsync(
        long transactionId, Func<PaymentTransaction, bool, IEnumerable<string>> events, CancellationToken cancellationToken, bool decidesLinkPaid = true)
    {
        // The payment and its merchant's endpoints in one query (what Heard asks before a move: keep them in step).
        var found = await db.AllTransactions.AsNoTracking().Where(t => t.Id == transactionId)
            .Select(t => new
            {
                Row = t,
                // An endpoint hears its own mode's payments only.
                Endpoints = db.AllWebhookEndpoints.Where(w => w.MerchantId == t.MerchantId && w.Livemode == t.Livemode && w.Enabled)
                    .Select(w => new { w.Id, w.Events }).ToList(),
            })
            .SingleAsync(cancellationToken);
        var (row, endpoints) = (found.Row, found.Endpoints);
        // Decided (and a collect-a-total link marked paid) even when nobody listens: the link's page shows it.
        var linkPaid = decidesLinkPaid && row.Status == TransactionStatuses.Succeeded && row.PaymentLinkId is { } linkId
            && await collections.CompletesAsync(linkId, row.Livemode, cancellationToken);
        if (endpoints.Count == 0 && row.CallbackUrl is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var dto = row.Status == TransactionStatuses.Reversed
            ? (await Reversals.ReversalViews.WithReversalsAsync(db, [(row.Id, TransactionQueryService.ToDto(row))], cancellationToken))[0]
            : TransactionQueryService.ToDto(row);
        foreach (var type in events(row, linkPaid))
        {
            var eventId = "evt_" + Ids.Random(20);
            var payload = JsonSerializer.Serialize(new
            {
                id = eventId,
                type,
                created_at = now.ToUnixTimeSeconds(),
                livemode = row.Livemode,
                api_version = WebhookEvents.ApiVersion,
                data = new { transaction = dto },
            }, ApiEnvelope.Json);
            foreach (var endpoint in endpoints.Where(e => e.Events.Length == 0 || e.Events.Split(',').Contains(type)))
            {
                db.AllWebhookDeliveries.Add(NewDelivery(row.MerchantId, endpoint.Id, null, eventId, type, payload, now, row.Livemode));
            }

            // The callback URL asked for this payment's outcome, not for link events.
            if (row.CallbackUrl is not null && type != WebhookEvents.LinkPaid)
            {
                db.AllWebhookDeliveries.Add(NewDelivery(row.MerchantId, null, row.CallbackUrl, eventId, type, payload, now, row.Livemode));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The payment an event is about (<c>data.transaction.id</c>), for the delivery's trace; null for other events.</summary>
    public static string? TransactionIdOf(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("transaction", out var transaction) && transaction.ValueKind == JsonValueKind.Object
                && transaction.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A delivery due now, to an endpoint or to a callback URL; redeliveries are made the same way.</summary>
    public static WebhookDelivery NewDelivery(
        string merchantId, long? endpointId, string? callbackUrl, string eventId, string type, string payload, DateTimeOffset now, bool livemode) => new()
    {
        PublicId = "dlv_" + Ids.Random(16), EndpointId = endpointId, CallbackUrl = callbackUrl, MerchantId = merchantId, EventId = eventId,
        EventType = type, Payload = payload, NextAttemptAt = now, CreatedAt = now, Livemode = livemode,
    };

    private static IEnumerable<string> EventsFor(PaymentTransaction t, bool linkPaid)
    {
        var type = t.Status switch
        {
            TransactionStatuses.Succeeded => WebhookEvents.Succeeded,
            TransactionStatuses.Cancelled => WebhookEvents.Cancelled,
            TransactionStatuses.Timeout => WebhookEvents.Timeout,
            TransactionStatuses.Failed => WebhookEvents.Failed,
            // Not final: the event that follows a later answer is.
            TransactionStatuses.Unknown => WebhookEvents.Unknown,
            TransactionStatuses.Reversed => WebhookEvents.Reversed,
            _ => null,
        };
        if (type is not null)
        {
            yield return type;
        }

        // A plain link is paid by each payment; a collect-a-total link once, by the payment that reaches its total.
        if (linkPaid && t.LinkPublicId is not null)
        {
            yield return WebhookEvents.LinkPaid;
        }
    }
}
