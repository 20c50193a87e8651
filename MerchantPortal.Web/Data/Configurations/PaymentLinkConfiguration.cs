using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class PaymentLinkConfiguration : IEntityTypeConfiguration<PaymentLink>
{
    public void Configure(EntityTypeBuilder<PaymentLink> builder)
    {
        builder.Property(l => l.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(l => l.PublicId).HasMaxLength(40).IsRequired();
        builder.HasIndex(l => l.PublicId).IsUnique();
        builder.HasIndex(l => new { l.MerchantId, l.Id });
        builder.Property(l => l.Title).HasMaxLength(120).IsRequired();
        builder.Property(l => l.LogoUrl).HasMaxLength(500);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(l => l.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PaymentAccount>().WithMany().HasForeignKey(l => l.PaymentAccountId).OnDelete(DeleteBehavior.SetNull);
    }
}
