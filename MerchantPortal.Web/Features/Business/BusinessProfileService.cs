using System.Security.Cryptography;
using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Business;

/// <summary>The merchant's business as customers see it: name, support contacts and logo. Every query is by merchant id.</summary>
public sealed class BusinessProfileService(
    PortalDbContext db, IValidator<SaveProfileRequest> validator, PublicUrls urls, TimeProvider time, ILogger<BusinessProfileService> logger)
{
    /// <summary>The name to show customers: the business name once set, the username until then.</summary>
    public static string DisplayName(Merchant merchant) => merchant.BusinessName ?? merchant.UserName ?? "";

    /// <summary>The name to show customers for <paramref name="merchantId"/> (the pay page's heading), or null for no such merchant.</summary>
    public async Task<string?> DisplayNameAsync(string merchantId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(m => m.Id == merchantId)
            .Select(m => m.BusinessName ?? m.UserName).SingleOrDefaultAsync(cancellationToken);

    public async Task<Result<BusinessProfileDto>> GetAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = await db.Users.AsNoTracking().SingleOrDefaultAsync(m => m.Id == merchantId, cancellationToken);
        return merchant is null ? NotSignedIn() : await ToDtoAsync(merchant, cancellationToken);
    }

    public async Task<Result<BusinessProfileDto>> SaveAsync(string merchantId, SaveProfileRequest request, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var merchant = await db.Users.SingleOrDefaultAsync(m => m.Id == merchantId, cancellationToken);
        if (merchant is null)
        {
            return NotSignedIn();
        }

        merchant.BusinessName = Apply(request.BusinessName, merchant.BusinessName, n => n);
        merchant.SupportPhone = Apply(request.SupportPhone, merchant.SupportPhone, p => Phones.TryNormalize(p, out var msisdn) ? msisdn : p);
        merchant.SupportEmail = Apply(request.SupportEmail, merchant.SupportEmail, e => e);
        await db.SaveChangesAsync(cancellationToken);
        return await ToDtoAsync(merchant, cancellationToken);
    }

    /// <summary>
    /// Stores an uploaded logo of <paramref name="length"/> bytes when <see cref="LogoImages.Check"/> accepts it; it
    /// replaces any earlier one. A file over the limit is refused by its length, before any of it is read into memory.
    /// </summary>
    public async Task<Result<BusinessProfileDto>> SetLogoAsync(string merchantId, Stream upload, long length, CancellationToken cancellationToken)
    {
        if (LogoImages.CheckLength(length) is { } tooLarge)
        {
            return tooLarge;
        }

        using var copy = new MemoryStream((int)length);
        await upload.CopyToAsync(copy, cancellationToken);
        return await StoreLogoAsync(merchantId, copy.ToArray(), cancellationToken);
    }

    private async Task<Result<BusinessProfileDto>> StoreLogoAsync(string merchantId, byte[] content, CancellationToken cancellationToken)
    {
        var checkedImage = LogoImages.Check(content);
        if (!checkedImage.Succeeded)
        {
            return checkedImage.Error!;
        }

        var merchant = await db.Users.AsNoTracking().SingleOrDefaultAsync(m => m.Id == merchantId, cancellationToken);
        if (merchant is null)
        {
            return NotSignedIn();
        }

        var image = checkedImage.Value!;
        var logo = await db.MerchantLogos.SingleOrDefaultAsync(l => l.MerchantId == merchantId, cancellationToken);
        if (logo is null)
        {
            logo = new MerchantLogo { MerchantId = merchantId };
            db.MerchantLogos.Add(logo);
        }

        logo.Content = content;
        logo.ContentType = image.ContentType;
        logo.Width = image.Width;
        logo.Height = image.Height;
        logo.Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        logo.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.FindUniqueViolation(ex)?.Is<MerchantLogo>(nameof(MerchantLogo.MerchantId)) == true)
        {
            // Two uploads raced to add the first logo; the other one won, and this one replaces it.
            db.ChangeTracker.Clear();
            return await StoreLogoAsync(merchantId, content, cancellationToken);
        }

        logger.LogInformation("Merchant {MerchantId} uploaded a {ContentType} logo of {Width}x{Height}",
            merchant.PublicId, image.ContentType, image.Width, image.Height);
        return await ToDtoAsync(merchant, cancellationToken);
    }

    public async Task<Result<BusinessProfileDto>> RemoveLogoAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = await db.Users.AsNoTracking().SingleOrDefaultAsync(m => m.Id == merchantId, cancellationToken);
        if (merchant is null)
        {
            return NotSignedIn();
        }

        await db.MerchantLogos.Where(l => l.MerchantId == merchantId).ExecuteDeleteAsync(cancellationToken);
        return await ToDtoAsync(merchant, cancellationToken);
    }

    /// <summary>
    /// The logo of the merchant with this public id (as pay-page URLs carry it), or null. Not while the merchant is
    /// suspended: an administrator who suspends a merchant for what it shows stops the logo too, as the pay pages.
    /// </summary>
    public Task<MerchantLogo?> FindLogoAsync(string merchantPublicId, CancellationToken cancellationToken) =>
        (from l in db.MerchantLogos.AsNoTracking()
         join m in db.Users on l.MerchantId equals m.Id
         where m.PublicId == merchantPublicId && m.SuspendedAt == null
         select l).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The logo's address; its <c>v</c> changes with the content, so it may be cached for long.</summary>
    public string LogoUrl(string merchantPublicId, string sha256) =>
        $"{urls.BaseUrl}{LogoEndpoint.PathOf(merchantPublicId)}?v={sha256[..16]}";

    private async Task<BusinessProfileDto> ToDtoAsync(Merchant merchant, CancellationToken cancellationToken)
    {
        var sha = await db.MerchantLogos.AsNoTracking().Where(l => l.MerchantId == merchant.Id)
            .Select(l => l.Sha256).SingleOrDefaultAsync(cancellationToken);
        return new BusinessProfileDto(
            DisplayName(merchant),
            merchant.BusinessName is not null,
            merchant.SupportPhone is null ? null : Phones.ToLocal(merchant.SupportPhone),
            merchant.SupportEmail,
            sha is null ? null : LogoUrl(merchant.PublicId, sha));
    }

    /// <summary>null keeps, blank clears, a value is trimmed and stored.</summary>
    private static string? Apply(string? sent, string? stored, Func<string, string> normalise) =>
        sent is null ? stored : string.IsNullOrWhiteSpace(sent) ? null : normalise(sent.Trim());

    private static ServiceError NotSignedIn() =>
        new(ErrorKind.Unauthenticated, "not_authenticated", "Sign in or send an API key.");
}
