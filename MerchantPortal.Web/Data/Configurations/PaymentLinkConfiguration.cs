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
        // A paybill account number: M-Pesa's AccountReference allows 12 characters. Unique among the merchant's live
        // links, so a menu payment names one link; a deleted link's code may be given to a new one.
        builder.Property(l => l.AccountCode).HasMaxLength(12).IsRequired();
        builder.HasIndex(l => new { l.MerchantId, l.AccountCode }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasOne<Merchant>().WithMany().HasForeignKey(l => l.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PaymentAccount>().WithMany().HasForeignKey(l => l.PaymentAccountId).OnDelete(DeleteBehavior.SetNull);
    }
}
