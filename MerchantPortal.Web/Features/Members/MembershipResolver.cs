using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Members;

/// <summary>A business a person may act for, and their role in it.</summary>
public sealed record BusinessChoice(string MerchantId, string PublicId, string Username, string Name, string Role, bool NeedsTwoFactor);

/// <summary>
/// Which business a signed-in person acts for: the one they last switched to, else their own, else the first they
/// joined. Asked when a session starts and on every request of it (with the security stamp), so a removed member or a
/// changed role takes effect on the very next request on every instance. Suspended businesses are left out.
/// </summary>
public sealed class MembershipResolver(PortalDbContext db)
{
    public async Task<IReadOnlyList<BusinessChoice>> ChoicesAsync(string personId, CancellationToken cancellationToken) =>
        await (from m in db.BusinessMembers.AsNoTracking()
               // The root's AsNoTracking holds for the whole query; one called inside the tree is compiled on every run.
               join b in db.Users on m.MerchantId equals b.Id
               where m.UserId == personId && b.SuspendedAt == null && !b.MemberOnly && !b.IsPlatform
               orderby m.CreatedAt, m.Id
               select new BusinessChoice(b.Id, b.PublicId, b.UserName!, b.BusinessName ?? b.UserName!, m.Role, b.MembersNeedTwoFactor))
            .ToListAsync(cancellationToken);

    public async Task<BusinessChoice?> CurrentAsync(Merchant person, CancellationToken cancellationToken) =>
        Pick(person, await ChoicesAsync(person.Id, cancellationToken));

    public static BusinessChoice? Pick(Merchant person, IReadOnlyList<BusinessChoice> choices) =>
        choices.FirstOrDefault(c => c.MerchantId == person.CurrentBusinessId)
        ?? choices.FirstOrDefault(c => c.MerchantId == person.Id)
        ?? choices.FirstOrDefault();

    /// <summary>The person as signed in for their current business, or null when they belong to none.</summary>
    public async Task<SignedInMerchant?> SignedInAsync(Merchant person, CancellationToken cancellationToken) =>
        await CurrentAsync(person, cancellationToken) is { } current
            ? new SignedInMerchant(current.MerchantId, current.PublicId, current.Username) { Role = current.Role, PersonId = person.Id }
            : null;
}
