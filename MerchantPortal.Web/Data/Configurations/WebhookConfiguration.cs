using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("WebhookEndpoints");
        builder.Property(w => w.PublicId).HasMaxLength(40).IsRequired();
        builder.HasIndex(w => w.PublicId).IsUnique();
        builder.Property(w => w.MerchantId).HasMaxLength(64).IsRequired();
        builder.HasIndex(w => w.MerchantId);
        builder.Property(w => w.Url).HasMaxLength(500).IsRequired();
        builder.Property(w => w.Events).HasMaxLength(300).IsRequired();
        builder.Property(w => w.SecretProtected).HasMaxLength(1000).IsRequired();
        builder.Property(w => w.DisabledReason).HasMaxLength(200);
        // Rows from before modes are live; EF always writes the value (a false must never fall back to the default).
        builder.Property(w => w.Livemode).HasDefaultValue(true).ValueGeneratedNever();
        builder.HasOne<Merchant>().WithMany().HasForeignKey(w => w.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.Property(d => d.PublicId).HasMaxLength(40).IsRequired();
        builder.HasIndex(d => d.PublicId).IsUnique();
        builder.Property(d => d.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(d => d.EventId).HasMaxLength(40).IsRequired();
        builder.Property(d => d.EventType).HasMaxLength(40).IsRequired();
        builder.Property(d => d.Payload).HasMaxLength(16_000).IsRequired();
        builder.Property(d => d.Status).HasMaxLength(16).IsRequired();
        builder.Property(d => d.LastResponse).HasMaxLength(500);
        builder.Property(d => d.CallbackUrl).HasMaxLength(500);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.MerchantId, d.Livemode, d.Id });
        // Rows from before modes are live; EF always writes the value (a false must never fall back to the default).
        builder.Property(d => d.Livemode).HasDefaultValue(true).ValueGeneratedNever();
        builder.HasOne(d => d.Endpoint).WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class RequestCallbackSecretConfiguration : IEntityTypeConfiguration<RequestCallbackSecret>
{
    public void Configure(EntityTypeBuilder<RequestCallbackSecret> builder)
    {
        builder.HasKey(s => s.MerchantId);
        builder.Property(s => s.MerchantId).HasMaxLength(64);
        builder.Property(s => s.SecretProtected).HasMaxLength(1000).IsRequired();
        builder.HasOne<Merchant>().WithMany().HasForeignKey(s => s.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}
