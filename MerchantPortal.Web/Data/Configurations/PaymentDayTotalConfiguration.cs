using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class PaymentDayTotalConfiguration : IEntityTypeConfiguration<PaymentDayTotal>
{
    public void Configure(EntityTypeBuilder<PaymentDayTotal> builder)
    {
        // The key the upsert conflicts on; it also serves the dashboard's one merchant, days from the first.
        builder.HasKey(d => new { d.MerchantId, d.Day, d.Status });
        builder.Property(d => d.MerchantId).HasMaxLength(64);
        builder.Property(d => d.Status).HasMaxLength(16);
    }
}
