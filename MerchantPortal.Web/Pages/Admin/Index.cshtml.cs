using MerchantPortal.Web.Features.Admin;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Admin;

/// <summary>The platform's figures: merchants by state, money collected, subscription revenue, failures by result code.</summary>
public sealed class IndexModel(AdminFiguresService figures) : PageModel
{
    public AdminFigures Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Figures = await figures.GetAsync(cancellationToken);

    public static string Percent(double rate) => (rate * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
