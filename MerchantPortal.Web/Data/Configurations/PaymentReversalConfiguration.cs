using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class PaymentReversalConfiguration : IEntityTypeConfiguration<PaymentReversal>
{
    public void Configure(EntityTypeBuilder<PaymentReversal> builder)
    {
        builder.Property(r => r.PublicId).HasMaxLength(40).IsRequired();
        builder.HasIndex(r => r.PublicId).IsUnique();
        builder.Property(r => r.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Status).HasMaxLength(20).IsRequired();
        builder.Property(r => r.Reason).HasMaxLength(100).IsRequired();
        builder.Property(r => r.RequestedById).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ApprovedById).HasMaxLength(64);
        builder.Property(r => r.ConversationId).HasMaxLength(100);
        builder.Property(r => r.CallbackToken).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => r.CallbackToken).IsUnique();
        builder.Property(r => r.ResultCode).HasMaxLength(32);
        builder.Property(r => r.ResultDesc).HasMaxLength(300);
        // One payment is reversed at most once: of its reversals, only failed ones may be more than one. The same SQL
        // reads in both providers.
        builder.HasIndex(r => r.TransactionId).IsUnique().HasFilter("\"Status\" <> 'failed'");
        builder.HasIndex(r => new { r.MerchantId, r.Status });
        builder.HasOne<PaymentTransaction>().WithMany().HasForeignKey(r => r.TransactionId).OnDelete(DeleteBehavior.Cascade);
    }
}
