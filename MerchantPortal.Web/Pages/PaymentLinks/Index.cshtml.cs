using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentLinks;

public sealed class IndexModel(PaymentLinkService links) : PageModel
{
    public IReadOnlyList<PaymentLinkSummary> Links { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Links = await links.ListAsync(User.MerchantId(), cancellationToken);

    /// <summary>"KES 450", "KES 10 – KES 5,000", "Any amount".</summary>
    public static string AmountText(PaymentLinkDto link) => link switch
    {
        { Amount: { } fixedAmount } => Amounts.Format(fixedAmount),
        { Min: { } min, Max: { } max } => $"{Amounts.Format(min)} – {Amounts.Format(max)}",
        { Min: { } min } => $"From {Amounts.Format(min)}",
        { Max: { } max } => $"Up to {Amounts.Format(max)}",
        _ => "Any amount",
    };
}
