using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Businesses;

/// <summary>The businesses a person belongs to, and switching between them (also a person of none lands here).</summary>
public sealed class IndexModel(MembershipResolver memberships, InvitationService invitations) : PageModel
{
    public IReadOnlyList<BusinessChoice> Choices { get; private set; } = [];

    public string? CurrentId => PortalSchemes.Merchant(User)?.Id;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Choices = PortalSchemes.PersonId(User) is { } person ? await memberships.ChoicesAsync(person, cancellationToken) : [];

    public async Task<IActionResult> OnPostAsync(string? merchantId, CancellationToken cancellationToken)
    {
        var result = await invitations.SwitchAsync(PortalSchemes.PersonId(User), merchantId, cancellationToken);
        TempData["StatusMessage"] = result.Succeeded
            ? $"Now working in {result.Value!.Name} as {MemberRoles.Title(result.Value.Role)}."
            : "Error: " + result.Error!.Message;
        return result.Succeeded ? Redirect("/") : RedirectToPage();
    }
}
