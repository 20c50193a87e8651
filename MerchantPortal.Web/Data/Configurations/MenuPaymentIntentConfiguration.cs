using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class MenuPaymentIntentConfiguration : IEntityTypeConfiguration<MenuPaymentIntent>
{
    public void Configure(EntityTypeBuilder<MenuPaymentIntent> builder)
    {
        builder.Property(i => i.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.Phone).HasMaxLength(12).IsRequired();
        // A till payment looks for open intents of its account and amount made shortly before it.
        builder.HasIndex(i => new { i.PaymentAccountId, i.Amount, i.CreatedAt });
        builder.HasOne<Merchant>().WithMany().HasForeignKey(i => i.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PaymentAccount>().WithMany().HasForeignKey(i => i.PaymentAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PaymentLink>().WithMany().HasForeignKey(i => i.PaymentLinkId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PaymentTransaction>().WithMany().HasForeignKey(i => i.TransactionId).OnDelete(DeleteBehavior.SetNull);
    }
}
