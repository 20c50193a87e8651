using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class PaymentTransactionConfiguration : IEntityTypeConfiguration<PaymentTransaction>
{
    public const string PendingGuardIndex = "IX_Transactions_PendingByAccountAndPhone";

    public void Configure(EntityTypeBuilder<PaymentTransaction> builder)
    {
        builder.ToTable("Transactions");
        builder.Property(t => t.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(t => t.PublicId).HasMaxLength(40).IsRequired();
        builder.HasIndex(t => t.PublicId).IsUnique();
        builder.Property(t => t.PaymentId).HasMaxLength(8).IsRequired();
        builder.Property(t => t.LinkPublicId).HasMaxLength(40);
        // A push's phone is 2547XXXXXXXX; a C2B payer's MSISDN is kept as Daraja gives it: masked, or a SHA-256 hash.
        builder.Property(t => t.Phone).HasMaxLength(64).IsRequired();
        builder.Property(t => t.Status).HasMaxLength(16).IsRequired();
        builder.Property(t => t.ResultCode).HasMaxLength(32);
        builder.Property(t => t.ResultDesc).HasMaxLength(300);
        builder.Property(t => t.Receipt).HasMaxLength(20);
        builder.Property(t => t.MerchantRequestId).HasMaxLength(64);
        builder.Property(t => t.CheckoutRequestId).HasMaxLength(64);
        builder.Property(t => t.InitiatedById).HasMaxLength(64);
        // The counter's "taken by me today".
        builder.HasIndex(t => new { t.InitiatedById, t.CreatedAt });
        builder.Property(t => t.CallbackToken).HasMaxLength(64).IsRequired();
        builder.Property(t => t.CallbackUrl).HasMaxLength(500);
        builder.Property(t => t.BusinessShortCode).HasMaxLength(7).IsRequired();
        builder.Property(t => t.AccountReference).HasMaxLength(12).IsRequired();
        // M-Pesa's TransactionDesc limit; api_stk refuses longer descriptions.
        builder.Property(t => t.Description).HasMaxLength(13);
        builder.Property(t => t.Channel).HasMaxLength(8).IsRequired().HasDefaultValue(TransactionChannels.Stk);
        builder.Property(t => t.BillRef).HasMaxLength(100);
        builder.Property(t => t.PayerName).HasMaxLength(200);
        builder.Property(t => t.Source).HasMaxLength(16);

        // Money safety: one row per Daraja checkout and per receipt, and a callback token maps to one row.
        builder.HasIndex(t => t.CheckoutRequestId).IsUnique();
        builder.HasIndex(t => t.Receipt).IsUnique();
        builder.HasIndex(t => t.CallbackToken).IsUnique();
        builder.Property(t => t.StatusToken).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.StatusToken).IsUnique();
        // Rows from before modes are live; EF always writes the value (a false must never fall back to the default).
        builder.Property(t => t.Livemode).HasDefaultValue(true).ValueGeneratedNever();
        // Newest-first listing per merchant and mode (keyset on Id), optionally by status.
        builder.HasIndex(t => new { t.MerchantId, t.Livemode, t.Id });
        builder.HasIndex(t => new { t.MerchantId, t.Status, t.Id });
        // The dashboard's filters: each narrows one merchant's rows and keeps the newest-first keyset order.
        builder.HasIndex(t => new { t.MerchantId, t.Phone, t.Id });
        builder.HasIndex(t => new { t.MerchantId, t.PaymentId, t.Id });
        builder.HasIndex(t => new { t.MerchantId, t.LinkPublicId, t.Id });
        builder.HasIndex(t => new { t.MerchantId, t.CreatedAt });
        // The Channel filter and the Unmatched list (C2B rows of one merchant, newest first).
        builder.HasIndex(t => new { t.MerchantId, t.Channel, t.Id });
        builder.HasIndex(t => new { t.Status, t.NextCheckAt });
        // The duplicate-pending guard every push asks (account, phone, pending): only pending rows, so it stays as
        // small as the payments waiting for a PIN however many an account has settled.
        builder.HasIndex(t => new { t.PaymentAccountId, t.Phone }).HasFilter($"\"Status\" = '{TransactionStatuses.Pending}'")
            .HasDatabaseName(PendingGuardIndex);
        // Read only for a retry whose first request was abandoned (its instance died): only keyed payments are indexed.
        builder.HasIndex(t => t.IdempotencyRecordId).HasFilter("\"IdempotencyRecordId\" IS NOT NULL");
        // The foreign key's own index, which EF would otherwise drop as covered by the partial one above (it is not).
        builder.HasIndex(t => t.PaymentAccountId);

        builder.HasOne<Merchant>().WithMany().HasForeignKey(t => t.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentAccount>().WithMany().HasForeignKey(t => t.PaymentAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PaymentLink>().WithMany().HasForeignKey(t => t.PaymentLinkId).OnDelete(DeleteBehavior.SetNull);
    }
}
