using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class PaymentDayTotalConfiguration : IEntityTypeConfiguration<PaymentDayTotal>
{
    public void Configure(EntityTypeBuilder<PaymentDayTotal> builder)
    {
        builder.ToTable("PaymentDayTotals");
        // The key the upsert conflicts on; it also serves the dashboard's one merchant, days from the first.
        builder.HasKey(d => new { d.MerchantId, d.Livemode, d.Day, d.Status, d.Slot });
        builder.Property(d => d.MerchantId).HasMaxLength(64);
        builder.Property(d => d.Status).HasMaxLength(16);
        // Rows written without a slot (the first migration's backfill, bench/data.sh) are slot 0; the upsert names it.
        builder.Property(d => d.Slot).HasDefaultValue((short)0).ValueGeneratedNever();
        // Rows from before modes are live; EF always writes the value (a false must never fall back to the default).
        builder.Property(d => d.Livemode).HasDefaultValue(true).ValueGeneratedNever();
    }
}
