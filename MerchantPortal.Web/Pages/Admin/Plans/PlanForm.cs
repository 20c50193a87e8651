using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MerchantPortal.Web.Features.Admin;

namespace MerchantPortal.Web.Pages.Admin.Plans;

/// <summary>The plan fields both plan pages post; the service validates them.</summary>
public sealed class PlanForm
{
    public static readonly string[] Fields = [nameof(Name), nameof(Price), nameof(PeriodDays), nameof(Active)];

    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Price (KES)")]
    public string? Price { get; set; }

    [Display(Name = "Period (days)")]
    public string? PeriodDays { get; set; }

    [Display(Name = "Offered to merchants (active)")]
    public bool Active { get; set; } = true;

    public SavePlanRequest ToRequest() => new(Name, Price, PeriodDays, Active);

    public static PlanForm From(AdminPlanDto plan) => new()
    {
        Name = plan.Name,
        Price = plan.Price.ToString(CultureInfo.InvariantCulture),
        PeriodDays = plan.PeriodDays.ToString(CultureInfo.InvariantCulture),
        Active = plan.Active,
    };
}
