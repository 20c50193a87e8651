using MerchantPortal.Web.Mpesa;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>Which M-Pesa the portal talks to, in a line for the operator.</summary>
/// <param name="Strict">For the simulator: whether it is as strict as Daraja (and the portal applies its live rules).</param>
public sealed record MpesaModeSummary(MpesaMode Mode, bool Strict, string Description);

/// <summary>
/// Says on the admin page which M-Pesa payments go to, so an operator sees at once that a portal still takes
/// simulated payments, or that the simulator is lenient where Daraja would refuse.
/// </summary>
public sealed class MpesaModeService(IOptionsMonitor<MpesaOptions> options)
{
    public MpesaModeSummary Describe()
    {
        var o = options.CurrentValue;
        var strict = o.IsSimulator && o.Simulator.Strict;
        var description = o.Mode switch
        {
            MpesaMode.Production => "Daraja production: customers pay real money.",
            MpesaMode.Sandbox => "Daraja sandbox: test payments only, into Safaricom's test shortcode.",
            _ when strict => "Built-in simulator, strict: each shortcode only through the Daraja app bound to it, tills through their "
                + "store number, https callbacks; the portal applies its live account rules. No real money moves.",
            _ => "Built-in simulator, lenient: any shortcode takes payments. No real money moves.",
        };
        return new MpesaModeSummary(o.Mode, strict, description);
    }
}
