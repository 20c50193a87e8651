using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class ApiRequestLogConfiguration : IEntityTypeConfiguration<ApiRequestLog>
{
    public void Configure(EntityTypeBuilder<ApiRequestLog> builder)
    {
        builder.ToTable("ApiRequestLogs");
        builder.Property(r => r.PublicId).HasMaxLength(32).IsRequired();
        builder.Property(r => r.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Action).HasMaxLength(40).IsRequired();
        builder.Property(r => r.KeyPrefix).HasMaxLength(16);
        builder.Property(r => r.ErrorCode).HasMaxLength(60);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(255);
        builder.Property(r => r.ClientIp).HasMaxLength(64);
        builder.Property(r => r.CorrelationId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Fields).HasMaxLength(4_000).IsRequired();
        builder.HasIndex(r => r.PublicId).IsUnique();
        // The log page and request_logs read one merchant's newest first; the clean-up finds old rows by time.
        builder.HasIndex(r => new { r.MerchantId, r.Livemode, r.Id });
        builder.HasIndex(r => r.At);
    }
}
