using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Web.Data.Configurations;

public class BusinessMemberConfiguration : IEntityTypeConfiguration<BusinessMember>
{
    public void Configure(EntityTypeBuilder<BusinessMember> builder)
    {
        builder.Property(m => m.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.UserId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.Role).HasMaxLength(16).IsRequired();
        // A person holds one role in a business; two accepts of invitations to the same business cannot both land.
        builder.HasIndex(m => new { m.MerchantId, m.UserId }).IsUnique();
        // Every session resolves its business by the person.
        builder.HasIndex(m => m.UserId);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(m => m.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class MemberInviteConfiguration : IEntityTypeConfiguration<MemberInvite>
{
    public void Configure(EntityTypeBuilder<MemberInvite> builder)
    {
        builder.Property(i => i.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.Email).HasMaxLength(254).IsRequired();
        builder.Property(i => i.NormalizedEmail).HasMaxLength(254).IsRequired();
        builder.Property(i => i.Role).HasMaxLength(16).IsRequired();
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(i => i.InvitedById).HasMaxLength(64).IsRequired();
        builder.Property(i => i.AcceptedById).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.MerchantId);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(i => i.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class BusinessAuditEntryConfiguration : IEntityTypeConfiguration<BusinessAuditEntry>
{
    public void Configure(EntityTypeBuilder<BusinessAuditEntry> builder)
    {
        builder.Property(a => a.MerchantId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.ActorId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.ActorName).HasMaxLength(256).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(40).IsRequired();
        builder.Property(a => a.Target).HasMaxLength(300).IsRequired();
        builder.Property(a => a.Detail).HasMaxLength(500);
        builder.Property(a => a.Ip).HasMaxLength(64);
        // The log page reads a business's newest entries first.
        builder.HasIndex(a => new { a.MerchantId, a.Id });
        builder.HasOne<Merchant>().WithMany().HasForeignKey(a => a.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}
