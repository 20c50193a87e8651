using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> builder)
    {
        builder.Property(m => m.PublicId).HasMaxLength(40).IsRequired();
        builder.HasIndex(m => m.PublicId).IsUnique();
        builder.Property(m => m.Phone).HasMaxLength(16);
        builder.Property(m => m.BusinessName).HasMaxLength(Merchant.BusinessNameMaxLength);
        builder.Property(m => m.SupportPhone).HasMaxLength(16);
        builder.Property(m => m.SupportEmail).HasMaxLength(254);
        builder.Property(m => m.SubscriptionStatus).HasMaxLength(16).IsRequired();
        builder.Property(m => m.SuspendedReason).HasMaxLength(200);
        builder.HasOne<Plan>().WithMany().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Restrict);
        // The admin area's search and figures by end date.
        builder.HasIndex(m => m.SubscriptionExpiresAt);
        // Identity's own EmailIndex is not unique: with RequireUniqueEmail its check-then-insert loses a race between
        // two registrations, so the database decides (email_taken) as it already does for the username.
        builder.HasIndex(m => m.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
        builder.Property(m => m.MemberOnly).HasDefaultValue(false).ValueGeneratedNever();
        builder.Property(m => m.MembersNeedTwoFactor).HasDefaultValue(false).ValueGeneratedNever();
        builder.Property(m => m.CurrentBusinessId).HasMaxLength(64);
    }
}
