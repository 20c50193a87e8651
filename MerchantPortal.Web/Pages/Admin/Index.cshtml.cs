using MerchantPortal.Web.Features.Admin;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Admin;

/// <summary>
/// The platform's figures (merchants by state, money collected, subscription revenue, failures by result code) and
/// which M-Pesa the portal talks to.
/// </summary>
public sealed class IndexModel(AdminFiguresService figures, MpesaModeService mpesa, AdminHealthService health) : PageModel
{
    public AdminFigures Figures { get; private set; } = null!;

    public AdminHealth Health { get; private set; } = null!;

    public MpesaModeSummary Mpesa { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Mpesa = mpesa.Describe();
        Figures = await figures.GetAsync(cancellationToken);
        Health = await health.GetAsync(cancellationToken);
    }

    public static string Percent(double rate) => (rate * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
