using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class StatementImportConfiguration : IEntityTypeConfiguration<StatementImport>
{
    public void Configure(EntityTypeBuilder<StatementImport> builder)
    {
        builder.Property(i => i.PublicId).HasMaxLength(40).IsRequired();
        builder.HasIndex(i => i.PublicId).IsUnique();
        builder.Property(i => i.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.FileName).HasMaxLength(200).IsRequired();
        builder.HasIndex(i => new { i.MerchantId, i.Id });
        builder.HasOne<Merchant>().WithMany().HasForeignKey(i => i.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PaymentAccount>().WithMany().HasForeignKey(i => i.PaymentAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class StatementExceptionConfiguration : IEntityTypeConfiguration<StatementException>
{
    public void Configure(EntityTypeBuilder<StatementException> builder)
    {
        builder.Property(e => e.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Kind).HasMaxLength(20).IsRequired();
        builder.Property(e => e.Receipt).HasMaxLength(20).IsRequired();
        builder.Property(e => e.StatementAmount).HasPrecision(18, 2);
        builder.Property(e => e.OtherParty).HasMaxLength(200);
        builder.Property(e => e.AccountNumber).HasMaxLength(100);
        builder.HasIndex(e => new { e.ImportId, e.Kind, e.Id });
        builder.HasOne<StatementImport>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PaymentTransaction>().WithMany().HasForeignKey(e => e.TransactionId).OnDelete(DeleteBehavior.SetNull);
    }
}
