using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.PublicId).HasMaxLength(40).IsRequired();
        builder.HasIndex(p => p.PublicId).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(60).IsRequired();
    }
}

public class SubscriptionPaymentConfiguration : IEntityTypeConfiguration<SubscriptionPayment>
{
    public void Configure(EntityTypeBuilder<SubscriptionPayment> builder)
    {
        builder.HasKey(p => p.TransactionId);
        builder.HasOne(p => p.Transaction).WithOne().HasForeignKey<SubscriptionPayment>(p => p.TransactionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.PlanName).HasMaxLength(60).IsRequired();
        builder.HasIndex(p => new { p.MerchantId, p.TransactionId });
        builder.HasOne<Merchant>().WithMany().HasForeignKey(p => p.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Plan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class SubscriptionReminderConfiguration : IEntityTypeConfiguration<SubscriptionReminder>
{
    public void Configure(EntityTypeBuilder<SubscriptionReminder> builder)
    {
        builder.Property(r => r.MerchantId).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => new { r.MerchantId, r.ExpiresAt, r.Stage }).IsUnique();
        builder.HasOne<Merchant>().WithMany().HasForeignKey(r => r.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.ActorId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.ActorName).HasMaxLength(256).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(40).IsRequired();
        builder.Property(a => a.Target).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Before).HasMaxLength(2000);
        builder.Property(a => a.After).HasMaxLength(2000);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.Target, a.At });
    }
}
