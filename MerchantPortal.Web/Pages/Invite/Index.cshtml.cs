using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Invite;

/// <summary>
/// An invitation link: what it offers, then accepting it, signed in (with the invited address) or by making a sign-in.
/// Open to visitors: the person invited may have no sign-in yet.
/// </summary>
public sealed class IndexModel(InvitationService invitations) : PageModel
{
    public InviteView? Offer { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Who is signed in on this browser, if anyone.</summary>
    public string? SignedInAs => PortalSchemes.PersonId(User) is null ? null : User.Identity?.Name;

    [BindProperty]
    [Display(Name = "Username")]
    public string? Username { get; set; }

    [BindProperty]
    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        // The token is a secret: the page must not be kept by a shared cache, nor its address sent to other sites.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(token, cancellationToken);
    }

    public async Task<IActionResult> OnPostAcceptAsync(string token, CancellationToken cancellationToken)
    {
        var result = await invitations.AcceptAsync(PortalSchemes.PersonId(User), token, cancellationToken);
        if (!result.Succeeded)
        {
            Problem = result.Error!.Message;
            await LoadAsync(token, cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = $"You joined {result.Value!.Name} as {MemberRoles.Title(result.Value.Role)}.";
        return Redirect("/");
    }

    public async Task<IActionResult> OnPostCreateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await invitations.AcceptWithNewSignInAsync(new AcceptWithNewSignInRequest(token, Username, Password), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, "", nameof(Username), nameof(Password));
            await LoadAsync(token, cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = $"Welcome: you joined {result.Value!.Name} as {MemberRoles.Title(result.Value.Role)}.";
        return Redirect("/");
    }

    private async Task LoadAsync(string token, CancellationToken cancellationToken)
    {
        var offer = await invitations.ViewAsync(token, cancellationToken);
        Offer = offer.Value;
        Problem ??= offer.Error?.Message;
    }
}
