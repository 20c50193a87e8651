using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Members;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Reversals;

/// <summary>
/// Asking for a reversal, approving or declining it. Finance, admins and owners ask; above the owner's amount
/// (<see cref="Merchant.ReversalApprovalAbove"/>, default 0: every reversal) a second owner or admin approves after a
/// two-factor check, and only one approval of a reversal can win (a conditional update). Then
/// <see cref="ReversalSender"/> asks M-Pesa; its result settles the reversal (<see cref="ReversalResults"/>).
/// </summary>
public sealed class ReversalService(
    PortalDbContext db,
    UserManager<Merchant> users,
    IValidator<RequestReversalRequest> validator,
    ReversalSender sender,
    BusinessAuditLog audit,
    Transactions.TransactionJournal journal,
    TimeProvider time)
{
    public async Task<Result<string>> RequestAsync(SignedInMerchant me, RequestReversalRequest request, CancellationToken cancellationToken)
    {
        if (!me.Allows(Permission.RequestReversal) || me.PersonId is null)
        {
            return MemberRoles.Forbidden(me.Role);
        }

        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var payment = await db.AllTransactions.AsNoTracking()
            .SingleOrDefaultAsync(t => t.MerchantId == me.Id && t.PublicId == request.TransactionId!.Trim(), cancellationToken);
        if (payment is null)
        {
            return ServiceError.NotFound("transaction_not_found", "No such transaction on this merchant.");
        }

        if (payment.Status != TransactionStatuses.Succeeded || payment.Receipt is null)
        {
            return ServiceError.Conflict("not_reversible", "Only a paid payment with an M-Pesa receipt can be reversed.");
        }

        if (await sender.RefuseAsync(payment, cancellationToken) is { } refused)
        {
            return refused;
        }

        var threshold = await ApprovalThresholdAsync(me.Id, cancellationToken);
        var now = time.GetUtcNow();
        var reversal = new PaymentReversal
        {
            PublicId = "rev_" + Ids.Random(16),
            MerchantId = me.Id,
            TransactionId = payment.Id,
            Status = payment.Amount > threshold ? ReversalStatuses.AwaitingApproval : ReversalStatuses.Pending,
            Reason = request.Reason!.Trim(),
            RequestedById = me.PersonId,
            RequestedAt = now,
            CallbackToken = Ids.NewCallbackToken(),
        };
        db.Reversals.Add(reversal);
        await audit.RecordAsync(me, BusinessAuditActions.ReversalRequest, payment.PublicId, $"KES {payment.Amount}: {reversal.Reason}", cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.FindUniqueViolation(ex)?.Is<PaymentReversal>(nameof(PaymentReversal.TransactionId)) == true)
        {
            db.ChangeTracker.Clear();
            return AlreadyUnderWay();
        }

        var waits = reversal.Status == ReversalStatuses.AwaitingApproval;
        await journal.ReversalAsync(payment.Id, me.Id, waits
            ? $"Reversal asked for ({reversal.Reason}); it waits for a second owner's or admin's approval."
            : $"Reversal asked for ({reversal.Reason}); no approval needed at this amount.", null);
        if (!waits)
        {
            // Not the request's token: once asked for, the reversal is sent even if the browser goes away.
            await sender.SendAsync(reversal.Id, CancellationToken.None);
        }

        return reversal.PublicId;
    }

    /// <summary>A second owner or admin approves with a code from their authenticator app; the reversal is then sent.</summary>
    public async Task<Result<bool>> ApproveAsync(SignedInMerchant me, string? reversalId, string? code, CancellationToken cancellationToken)
    {
        var found = await AwaitingAsync(me, reversalId, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }

        var reversal = found.Value!;
        var person = await users.FindByIdAsync(me.PersonId!);
        if (person is null || !person.TwoFactorEnabled)
        {
            return ServiceError.Conflict("two_factor_not_enabled", "Approving a reversal needs two-factor sign-in: turn it on for yourself first (Account → Two-factor).");
        }

        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length == 0 || !await users.VerifyTwoFactorTokenAsync(person, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return ServiceError.Invalid("invalid_code", "That code is not right: type the code your authenticator app shows now.", "code");
        }

        var now = time.GetUtcNow();
        // Two approvers at the same moment: one conditional update wins, the other finds nothing awaiting.
        if (!await ReversalRows.ApproveAsync(db, reversal.Id, me.PersonId!, now, cancellationToken))
        {
            return NotAwaiting();
        }

        await audit.RecordAsync(me, BusinessAuditActions.ReversalApprove, reversal.PublicId, reversal.Reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await journal.ReversalAsync(reversal.TransactionId, me.Id, $"Reversal approved by {person.UserName}.", null);
        await sender.SendAsync(reversal.Id, CancellationToken.None);
        return true;
    }

    /// <summary>A second owner or admin declines: the reversal fails and nothing is sent (it may be asked for again).</summary>
    public async Task<Result<bool>> DeclineAsync(SignedInMerchant me, string? reversalId, CancellationToken cancellationToken)
    {
        var found = await AwaitingAsync(me, reversalId, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }

        var reversal = found.Value!;
        if (!await ReversalRows.DeclineAsync(db, reversal.Id, time.GetUtcNow(), cancellationToken))
        {
            return NotAwaiting();
        }

        await audit.RecordAsync(me, BusinessAuditActions.ReversalDecline, reversal.PublicId, reversal.Reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await journal.ReversalAsync(reversal.TransactionId, me.Id, "Reversal declined: the payment stands.", null);
        return true;
    }

    /// <summary>Sets the amount above which a reversal needs a second approval (owners only).</summary>
    public async Task<Result<long>> SetApprovalThresholdAsync(SignedInMerchant me, string? amount, CancellationToken cancellationToken)
    {
        if (me.Role != MemberRoles.Owner)
        {
            return new ServiceError(ErrorKind.Forbidden, "role_forbidden", "Only an owner sets when reversals need a second approval.");
        }

        if (!long.TryParse(amount?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value > 1_000_000)
        {
            return ServiceError.Invalid("invalid_amount", "Whole shillings from 0 (every reversal is approved) to 1,000,000.", "amount");
        }

        await db.Users.Where(u => u.Id == me.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ReversalApprovalAbove, value), cancellationToken);
        await audit.RecordAsync(me, BusinessAuditActions.ReversalThreshold, "", $"KES {value}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return value;
    }

    public async Task<long> ApprovalThresholdAsync(string merchantId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == merchantId).Select(u => u.ReversalApprovalAbove).SingleAsync(cancellationToken);

    private async Task<Result<PaymentReversal>> AwaitingAsync(SignedInMerchant me, string? reversalId, CancellationToken cancellationToken)
    {
        if (!me.Allows(Permission.ApproveReversal) || me.PersonId is null)
        {
            return MemberRoles.Forbidden(me.Role);
        }

        var reversal = await db.Reversals.AsNoTracking()
            .SingleOrDefaultAsync(r => r.MerchantId == me.Id && r.PublicId == (reversalId ?? "").Trim(), cancellationToken);
        if (reversal is null || reversal.Status != ReversalStatuses.AwaitingApproval)
        {
            return NotAwaiting();
        }

        if (reversal.RequestedById == me.PersonId)
        {
            return new ServiceError(ErrorKind.Forbidden, "second_approver_required",
                "A reversal is approved by a second owner or admin, not by the person who asked for it.");
        }

        return reversal;
    }

    private static ServiceError AlreadyUnderWay() =>
        ServiceError.Conflict("reversal_exists", "This payment is already being reversed, or was reversed.");

    private static ServiceError NotAwaiting() =>
        ServiceError.Conflict("reversal_not_awaiting", "This reversal is not waiting for approval (approved, declined or finished meanwhile).");
}
