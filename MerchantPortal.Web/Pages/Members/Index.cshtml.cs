using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Members;

/// <summary>The business's people: who has which role, invitations, and the owner's two-factor requirement.</summary>
public sealed class IndexModel(MemberService members, Features.Reversals.ReversalService reversals) : PageModel
{
    private const string InviteUrlSlot = "InviteUrl";

    public MemberList List { get; private set; } = new([], []);

    public Features.Merchants.SignedInMerchant Me => PortalSchemes.Merchant(User)!;

    public bool TwoFactorRequired { get; private set; }

    /// <summary>Reversals of more than this (KES) wait for a second owner's or admin's approval.</summary>
    public long ReversalApprovalAbove { get; private set; }

    /// <summary>The link of the invitation just made, to share by hand: carried once through TempData.</summary>
    public string? InviteUrl { get; private set; }

    [BindProperty]
    [Display(Name = "Email")]
    public string? Email { get; set; }

    [BindProperty]
    [Display(Name = "Role")]
    public string Role { get; set; } = MemberRoles.Cashier;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        InviteUrl = TempData[InviteUrlSlot] as string;
        if (InviteUrl is not null)
        {
            Response.Headers.CacheControl = "no-store";
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var result = await members.InviteAsync(Me, new InviteMemberRequest(Email, Role), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, "", nameof(Email), nameof(Role));
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData[InviteUrlSlot] = result.Value!.InviteUrl;
        TempData["StatusMessage"] = $"Invitation sent to {result.Value.Invite.Email}. The link works once, for 7 days.";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostRoleAsync(string? memberId, string? role, CancellationToken cancellationToken) =>
        DoneAsync(members.ChangeRoleAsync(Me, memberId, role, cancellationToken), m => $"{m.Username} is now {MemberRoles.Title(m.Role)}.");

    public Task<IActionResult> OnPostRemoveAsync(string? memberId, CancellationToken cancellationToken) =>
        DoneAsync(members.RemoveAsync(Me, memberId, cancellationToken), _ => "Member removed.");

    public Task<IActionResult> OnPostWithdrawAsync(long inviteId, CancellationToken cancellationToken) =>
        DoneAsync(members.WithdrawInviteAsync(Me, inviteId, cancellationToken), _ => "Invitation withdrawn: its link no longer works.");

    public Task<IActionResult> OnPostTwoFactorAsync(bool required, CancellationToken cancellationToken) =>
        DoneAsync(members.RequireTwoFactorAsync(Me, required, cancellationToken), on => on
            ? "Every member must now sign in with a second factor; those without one are asked to set it up."
            : "Members may sign in without a second factor again.");

    public Task<IActionResult> OnPostReversalThresholdAsync(string? amount, CancellationToken cancellationToken) =>
        DoneAsync(reversals.SetApprovalThresholdAsync(Me, amount, cancellationToken), v => v == 0
            ? "Every reversal now waits for a second owner's or admin's approval."
            : $"Reversals of more than KES {v:N0} now wait for a second owner's or admin's approval.");

    private async Task<IActionResult> DoneAsync<T>(Task<Result<T>> action, Func<T, string> said)
    {
        var result = await action;
        TempData["StatusMessage"] = result.Succeeded ? said(result.Value!) : "Error: " + result.Error!.Message;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        List = await members.ListAsync(Me, cancellationToken);
        TwoFactorRequired = await members.TwoFactorRequiredAsync(Me, cancellationToken);
        ReversalApprovalAbove = await reversals.ApprovalThresholdAsync(Me.Id, cancellationToken);
    }
}
