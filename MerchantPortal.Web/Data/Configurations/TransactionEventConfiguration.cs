using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class TransactionEventConfiguration : IEntityTypeConfiguration<TransactionEvent>
{
    public void Configure(EntityTypeBuilder<TransactionEvent> builder)
    {
        builder.Property(e => e.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Kind).HasMaxLength(16).IsRequired();
        builder.Property(e => e.Summary).HasMaxLength(400).IsRequired();
        builder.Property(e => e.Payload).HasMaxLength(16_000);
        builder.HasIndex(e => new { e.TransactionId, e.Id });
        builder.HasOne(e => e.Transaction).WithMany().HasForeignKey(e => e.TransactionId).OnDelete(DeleteBehavior.Cascade);
    }
}
