using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class MerchantLogoConfiguration : IEntityTypeConfiguration<MerchantLogo>
{
    public void Configure(EntityTypeBuilder<MerchantLogo> builder)
    {
        // At most one logo per merchant: replacing it updates this row.
        builder.HasKey(l => l.MerchantId);
        builder.HasOne<Merchant>().WithOne().HasForeignKey<MerchantLogo>(l => l.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.Content).IsRequired();
        builder.Property(l => l.ContentType).HasMaxLength(16).IsRequired();
        builder.Property(l => l.Sha256).HasMaxLength(64).IsRequired();
    }
}
