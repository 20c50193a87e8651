namespace MerchantPortal.Web.Data.Entities;

/// <summary>A row of live or of test data (issue 14): read through <see cref="PortalDbContext"/>'s mode-filtered sets.</summary>
public interface IModeOwned
{
    bool Livemode { get; }
}
