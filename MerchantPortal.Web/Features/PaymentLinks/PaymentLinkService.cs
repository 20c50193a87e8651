using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.PaymentLinks;

public sealed class PaymentLinkService(
    PortalDbContext db,
    IValidator<CreateLinkRequest> validator,
    PublicUrls urls,
    TimeProvider time)
{
    public async Task<Result<CreatedLink>> CreateAsync(string merchantId, CreateLinkRequest request, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var merchantPublicId = await db.Users.Where(u => u.Id == merchantId).Select(u => u.PublicId).SingleAsync(cancellationToken);
        long? accountId = null;
        string? paymentId = null;
        if (request.PaymentId is not null)
        {
            PaymentIds.TryParse(request.PaymentId, out var sequence);
            accountId = await db.PaymentAccounts.Where(a => a.MerchantId == merchantId && a.Sequence == sequence)
                .Select(a => (long?)a.Id).SingleOrDefaultAsync(cancellationToken);
            if (accountId is null)
            {
                return ServiceError.NotFound("payment_account_not_found", $"No payment account {request.PaymentId} on this merchant.");
            }

            paymentId = PaymentAccount.FormatPaymentId(sequence);
        }

        var link = new PaymentLink
        {
            MerchantId = merchantId,
            PublicId = Ids.NewLinkId(),
            Title = request.Title!.Trim(),
            Amount = ParseOptional(request.Amount),
            MinAmount = ParseOptional(request.Min),
            MaxAmount = ParseOptional(request.Max),
            LogoUrl = request.Logo?.Trim(),
            PaymentAccountId = accountId,
            CreatedAt = time.GetUtcNow(),
        };
        db.PaymentLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);

        var dto = ToDto(link, merchantPublicId, paymentId);
        return new CreatedLink(dto, dto.PublicUrl);
    }

    /// <summary>
    /// The pay page's view of a link. The link id is unique across the portal, so the short <c>/pay/{lid}</c>
    /// needs no uid; when a uid is given it must be the link's merchant.
    /// </summary>
    public async Task<Result<PublicLinkView>> GetPublicAsync(string? uid, string? lid, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(lid))
        {
            return ServiceError.NotFound("link_not_found", "This payment link does not exist.");
        }

        var view = await (from l in db.PaymentLinks
                          join m in db.Users on l.MerchantId equals m.Id
                          where l.PublicId == lid && (uid == null || m.PublicId == uid)
                          select new PublicLinkView(m.PublicId, m.UserName!, l.PublicId, l.Title, l.Amount, l.MinAmount,
                              l.MaxAmount, l.LogoUrl, l.IsActive))
            .SingleOrDefaultAsync(cancellationToken);
        return view is null ? ServiceError.NotFound("link_not_found", "This payment link does not exist.") : view;
    }

    public PaymentLinkDto ToDto(PaymentLink l, string merchantPublicId, string? paymentId) =>
        new(l.PublicId, l.Title, l.Amount, l.MinAmount, l.MaxAmount, l.LogoUrl, paymentId, l.IsActive,
            urls.PayLink(merchantPublicId, l.PublicId), l.CreatedAt.ToUnixTimeSeconds());

    private static long? ParseOptional(string? value) => Amounts.TryParse(value, out var amount, out _) ? amount : null;
}
