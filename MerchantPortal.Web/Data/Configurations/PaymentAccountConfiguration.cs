using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class PaymentAccountConfiguration : IEntityTypeConfiguration<PaymentAccount>
{
    public void Configure(EntityTypeBuilder<PaymentAccount> builder)
    {
        builder.Ignore(a => a.PaymentId);
        builder.Property(a => a.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Type).HasMaxLength(10).IsRequired();
        builder.Property(a => a.Number).HasMaxLength(7).IsRequired();
        builder.Property(a => a.AccountReference).HasMaxLength(12);
        builder.Property(a => a.ConsumerKey).HasMaxLength(100);
        // Ciphertext of a secret of at most 100 characters is well under 1,000.
        builder.Property(a => a.ConsumerSecretProtected).HasMaxLength(1000);
        builder.Property(a => a.PasskeyProtected).HasMaxLength(1000);
        builder.Property(a => a.InitiatorName).HasMaxLength(64);
        builder.Property(a => a.InitiatorCredentialProtected).HasMaxLength(4000);
        builder.Property(a => a.StoreNumber).HasMaxLength(7);
        builder.Property(a => a.C2BToken).HasMaxLength(64);
        builder.HasIndex(a => a.C2BToken).IsUnique();
        builder.Property(a => a.C2BResponseType).HasMaxLength(10).IsRequired().HasDefaultValue("Completed");
        builder.Property(a => a.C2BRegistrationAnswer).HasMaxLength(300);
        builder.Property(a => a.PullNominatedNumber).HasMaxLength(12);
        builder.Property(a => a.PullRegistrationAnswer).HasMaxLength(300);
        // The sequence is the payment_id: unique per merchant, so two concurrent adds cannot share one.
        builder.HasIndex(a => new { a.MerchantId, a.Sequence }).IsUnique();
        // A deleted account keeps its row; the same paybill or till may be added again as a new payment_id.
        // The filter is plain SQL both SQLite and PostgreSQL read.
        builder.HasIndex(a => new { a.MerchantId, a.Type, a.Number }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasOne<Merchant>().WithMany().HasForeignKey(a => a.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}
