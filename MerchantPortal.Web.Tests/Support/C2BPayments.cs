using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.C2B;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// A payment from the M-Pesa menu, recorded by the confirmation endpoint's own <see cref="C2BRecorder"/>: a succeeded
/// <c>c2b</c> row of the merchant's account, attributed by <see cref="C2BAttribution"/>, its events in the same transaction.
/// </summary>
public static class C2BPayments
{
    public sealed record Recorded(long Id, string PublicId, string? LinkPublicId);

    /// <param name="paymentId">The account paid into; null for the merchant's primary account.</param>
    public static async Task<Recorded> AddAsync(
        PortalApp app, TestMerchant merchant, long amount, string? billRef = null, string phone = "2547****126", string? paymentId = null,
        DateTimeOffset? paidAt = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var account = await (from a in db.PaymentAccounts
                             join m in db.Users on a.MerchantId equals m.Id
                             where m.PublicId == merchant.PublicId && a.DeletedAt == null
                             orderby a.IsPrimary descending, a.Sequence
                             select a).ToListAsync();
        var paid = paymentId is null ? account[0] : account.Single(a => a.PaymentId == paymentId);
        var receipt = "T" + Ids.Random(9).ToUpperInvariant();
        var recorded = await scope.ServiceProvider.GetRequiredService<Web.Features.C2B.C2BRecorder>().RecordAsync(
            paid, new Web.Features.C2B.C2BReceived(receipt, paidAt ?? DateTimeOffset.UtcNow, amount, phone, "JANE W DOE", billRef), C2BSources.Confirmation, null,
            CancellationToken.None);
        Assert.Equal(C2BRecordOutcome.Recorded, recorded.Outcome);
        var row = await db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == recorded.TransactionId);
        return new Recorded(row.Id, row.PublicId, row.LinkPublicId);
    }

    /// <summary>The <c>link.paid</c> events written for a link (one per endpoint that wants them).</summary>
    public static Task<int> LinkPaidEventsAsync(PortalApp app, string linkPublicId) =>
        app.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.EventType == WebhookEvents.LinkPaid && d.Payload.Contains(linkPublicId)));
}
