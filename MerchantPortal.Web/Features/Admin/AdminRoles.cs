namespace MerchantPortal.Web.Features.Admin;

/// <summary>The operator's administrators: an Identity role, checked by one authorization policy.</summary>
public static class AdminRoles
{
    public const string Admin = "Admin";

    public const string Policy = "Admin";
}
