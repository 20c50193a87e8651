using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(k => k.Label).HasMaxLength(60).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        builder.Property(k => k.KeyHash).HasMaxLength(64).IsRequired();
        // Every API call is one lookup on this index.
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.Property(k => k.CreatedById).HasMaxLength(64);
        builder.HasIndex(k => k.MerchantId);
        // Rows from before modes are live; EF always writes the value (a false must never fall back to the default).
        builder.Property(k => k.Livemode).HasDefaultValue(true).ValueGeneratedNever();
        builder.HasOne<Merchant>().WithMany().HasForeignKey(k => k.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}
