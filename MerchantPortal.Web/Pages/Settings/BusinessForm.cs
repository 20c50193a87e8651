using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Business;

namespace MerchantPortal.Web.Pages.Settings;

/// <summary>The business profile form; the service's validator holds the rules.</summary>
public sealed class BusinessForm
{
    public static readonly string[] Fields = [nameof(BusinessName), nameof(SupportPhone), nameof(SupportEmail)];

    [Display(Name = "Business name")]
    public string? BusinessName { get; set; }

    [Display(Name = "Support phone (optional)")]
    public string? SupportPhone { get; set; }

    [Display(Name = "Support email (optional)")]
    public string? SupportEmail { get; set; }

    /// <summary>The form sends every field: a blank one is cleared, never "keep".</summary>
    public SaveProfileRequest ToRequest() => new(BusinessName ?? "", SupportPhone ?? "", SupportEmail ?? "");

    public static BusinessForm From(BusinessProfileDto profile) => new()
    {
        BusinessName = profile.BusinessNameSet ? profile.BusinessName : null,
        SupportPhone = profile.SupportPhone,
        SupportEmail = profile.SupportEmail,
    };
}
