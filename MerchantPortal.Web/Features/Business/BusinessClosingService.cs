using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Members;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Business;

/// <summary>What closing leaves behind, for the confirmation page: only what the owner may need to act on first.</summary>
public sealed record ClosingCheck(string Name, int ReversalsUnderWay, int PaymentsPending);

/// <summary>
/// An owner closes the business. Nothing is deleted: payments are records the business (and the operator) must keep.
/// The business is suspended with the reason "closed by its owner", so its pay pages, links and API stop at once and
/// its members lose it on their next request; its API keys are revoked and its open invitations withdrawn, so even a
/// reopening by the operator brings none of them back. Payments already under way still settle as M-Pesa answers.
/// The owner's own sign-in stays usable for any other business they belong to.
/// </summary>
public sealed class BusinessClosingService(
    PortalDbContext db,
    SignInManager<Merchant> signIns,
    IValidator<CloseBusinessRequest> validator,
    BusinessAuditLog audit,
    TimeProvider time,
    ILogger<BusinessClosingService> logger)
{
    public const string ClosedReason = "Closed by its owner.";

    public async Task<ClosingCheck> CheckAsync(SignedInMerchant me, CancellationToken cancellationToken)
    {
        var name = await db.Users.AsNoTracking().Where(u => u.Id == me.Id).Select(u => u.BusinessName ?? u.UserName!).SingleAsync(cancellationToken);
        return new ClosingCheck(name, await ReversalsUnderWayAsync(me.Id, cancellationToken),
            await db.AllTransactions.CountAsync(t => t.MerchantId == me.Id && t.Status == TransactionStatuses.Pending, cancellationToken));
    }

    public async Task<Result<string>> CloseAsync(SignedInMerchant me, CloseBusinessRequest request, CancellationToken cancellationToken)
    {
        if (!me.Allows(Permission.CloseBusiness) || me.PersonId is null)
        {
            return new ServiceError(ErrorKind.Forbidden, "role_forbidden", "Only an owner can close the business.");
        }

        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var business = await db.Users.AsNoTracking().SingleAsync(u => u.Id == me.Id, cancellationToken);
        var name = BusinessProfileService.DisplayName(business);
        if (!string.Equals(request.Name!.Trim(), name, StringComparison.OrdinalIgnoreCase))
        {
            return ServiceError.Invalid("name_mismatch", $"Type the business's name exactly: {name}.", "name");
        }

        // A wrong password here counts toward the sign-in lockout, as at the sign-in page.
        var person = await signIns.UserManager.FindByIdAsync(me.PersonId);
        if (person is null || !(await signIns.CheckPasswordSignInAsync(person, request.Password!, lockoutOnFailure: true)).Succeeded)
        {
            return ServiceError.Invalid("invalid_password", "That is not your password.", "password");
        }

        // Money in flight first: a reversal asked for or awaiting M-Pesa's answer must end before the business does.
        if (await ReversalsUnderWayAsync(me.Id, cancellationToken) > 0)
        {
            return ServiceError.Conflict("reversal_pending",
                "A reversal is under way: wait for its result (or decline it) before closing the business.");
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var closed = await db.Users.Where(u => u.Id == me.Id && u.SuspendedAt == null && u.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.ClosedAt, now).SetProperty(u => u.SuspendedAt, now)
                .SetProperty(u => u.SuspendedReason, ClosedReason), cancellationToken);
        if (closed == 0)
        {
            return ServiceError.Conflict("business_closed", "This business is closed or suspended already.");
        }

        await db.ApiKeys.Where(k => k.MerchantId == me.Id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
        await db.MemberInvites.Where(i => i.MerchantId == me.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), cancellationToken);
        await audit.RecordAsync(me, BusinessAuditActions.BusinessClose, business.PublicId, name, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Business {MerchantId} closed by its owner {PersonId}", business.PublicId, person.PublicId);
        return name;
    }

    private Task<int> ReversalsUnderWayAsync(string merchantId, CancellationToken cancellationToken) =>
        db.Reversals.CountAsync(r => r.MerchantId == merchantId
            && (r.Status == ReversalStatuses.Pending || r.Status == ReversalStatuses.AwaitingApproval), cancellationToken);
}
