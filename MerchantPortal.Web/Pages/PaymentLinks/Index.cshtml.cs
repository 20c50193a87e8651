using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentLinks;

public sealed class IndexModel(PaymentLinkService links) : PageModel
{
    public IReadOnlyList<PaymentLinkSummary> Links { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Links = await links.ListAsync(User.MerchantId(), cancellationToken);
}
