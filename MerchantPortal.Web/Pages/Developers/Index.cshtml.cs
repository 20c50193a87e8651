using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Developers;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Mpesa.Simulator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Pages.Developers;

/// <summary>
/// The API document's actions as ready-to-copy examples, filled in with this merchant's public ids, led by api_stk (what a
/// developer comes to do), with how to follow a payment, webhooks, idempotency keys and the error codes.
/// </summary>
public sealed class IndexModel(ProfileService profiles, PublicUrls urls, IOptions<MpesaOptions> mpesa) : PageModel
{
    public string Endpoint { get; private set; } = "";

    public string MerchantPublicId { get; private set; } = "";

    public IReadOnlyList<string> PaymentIds { get; private set; } = [];

    public IReadOnlyList<ApiExample> Examples { get; private set; } = [];

    /// <summary>The error codes the actions answer, with their HTTP statuses.</summary>
    public IReadOnlyList<ApiErrorCode> ErrorCodes => ApiErrorCodes.All;

    /// <summary>The actions the page explains in its own sections; the rest are listed after them.</summary>
    public static readonly string[] Featured = ["api_stk", "transaction"];

    public ApiExample Example(string action) => Examples.Single(e => e.Action == action);

    public IEnumerable<ApiExample> OtherExamples => Examples.Where(e => !Featured.Contains(e.Action));

    /// <summary>The short address of one of the merchant's links (or a placeholder): the one to give customers.</summary>
    public string PayPageAddress { get; private set; } = "";

    /// <summary>The simulator's scripted phones, or empty when M-Pesa is real.</summary>
    /// <summary>The simulator's numbers: every test-mode payment goes through it, and live ones too in Simulator mode.</summary>
    public IReadOnlyList<SimulatorPhone> TestPhones { get; private set; } = [];

    /// <summary>Whether live payments are simulated as well (Simulator mode), or only test-mode ones.</summary>
    public bool LiveIsSimulated { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await profiles.GetAsync(User.MerchantId(), withKeys: true, cancellationToken);
        if (!result.Succeeded)
        {
            return Challenge();
        }

        var profile = result.Value!;
        MerchantPublicId = profile.Id;
        PaymentIds = [.. profile.PaymentAccounts.OrderByDescending(a => a.IsPrimary).Select(a => a.PaymentId)];
        Endpoint = urls.BaseUrl + "/index.php";
        var linkId = profile.Links.FirstOrDefault(l => l.Active)?.Id;
        Examples = ApiExamples.Build(new ApiExampleInput(urls.BaseUrl, profile.Id, profile.Username, PaymentIds, linkId));
        PayPageAddress = urls.ShortPayLink(linkId ?? ApiExamples.LinkIdPlaceholder);
        TestPhones = SimulatorPhones.All;
        LiveIsSimulated = mpesa.Value.IsSimulator;
        return Page();
    }
}
