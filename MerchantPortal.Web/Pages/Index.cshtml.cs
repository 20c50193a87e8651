using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
