using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class DarajaTokenConfiguration : IEntityTypeConfiguration<DarajaToken>
{
    public void Configure(EntityTypeBuilder<DarajaToken> builder)
    {
        // One row per app: the insert that creates it conflicts on this key, whatever the number of instances.
        builder.HasKey(t => t.AppKeyHash);
        builder.Property(t => t.AppKeyHash).HasMaxLength(64);
        builder.Property(t => t.TokenProtected).HasMaxLength(2_000);
    }
}
