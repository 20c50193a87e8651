using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>
/// Gives a link its account code and saves it: the merchant's own choice, else one made from the title and amount that
/// no live link of theirs has. The unique index (merchant, code) settles two creates that chose the same code at once:
/// a chosen code loses with <c>account_code_taken</c>, a made-up one is made again.
/// </summary>
public sealed class LinkCodeService(PortalDbContext db)
{
    /// <summary>
    /// Made-up codes are chosen again this often when another create took the same one first; from the second try a
    /// random one of the first few free candidates, so racers spread out (six at once exhausted three tries in turn).
    /// </summary>
    private const int Attempts = 8;

    /// <summary>Saves a link just added to the context, with <paramref name="chosen"/> or a free code.</summary>
    public async Task<Result<bool>> SaveNewAsync(PaymentLink link, string? chosen, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (chosen is not null && await TakenAsync(link.MerchantId, chosen, null, cancellationToken))
            {
                return Taken(chosen);
            }

            link.AccountCode = chosen ?? await FreeCodeAsync(link.MerchantId, link.Title, link.Amount, attempt, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException ex) when (IsCodeViolation(ex) && (chosen is not null || attempt < Attempts))
            {
                if (chosen is not null)
                {
                    return Taken(chosen);
                }
            }
        }
    }

    /// <summary>Saves an edited link; a null <paramref name="chosen"/> keeps its code.</summary>
    public async Task<Result<bool>> SaveEditedAsync(PaymentLink link, string? chosen, CancellationToken cancellationToken)
    {
        if (chosen is not null && chosen != link.AccountCode)
        {
            if (await TakenAsync(link.MerchantId, chosen, link.Id, cancellationToken))
            {
                return Taken(chosen);
            }

            link.AccountCode = chosen;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (IsCodeViolation(ex))
        {
            return Taken(link.AccountCode);
        }
    }

    public static ServiceError Taken(string code)
    {
        var message = $"account_code {code} is already used by another of your links; choose another.";
        return new ServiceError(ErrorKind.Conflict, "account_code_taken", message, new Dictionary<string, string> { ["account_code"] = message });
    }

    private Task<bool> TakenAsync(string merchantId, string code, long? exceptLinkId, CancellationToken cancellationToken) =>
        db.PaymentLinks.AnyAsync(l => l.MerchantId == merchantId && l.DeletedAt == null && l.AccountCode == code && l.Id != exceptLinkId,
            cancellationToken);

    /// <summary>The first free candidate; only the merchant's codes that share the candidates' prefix are read.</summary>
    private async Task<string> FreeCodeAsync(string merchantId, string title, long? amount, int attempt, CancellationToken cancellationToken)
    {
        var suggestion = LinkAccountCodes.Suggest(title, amount);
        var prefix = LinkAccountCodes.CommonPrefix(suggestion);
        var taken = await db.PaymentLinks
            .Where(l => l.MerchantId == merchantId && l.DeletedAt == null && l.AccountCode.StartsWith(prefix))
            .Select(l => l.AccountCode).ToListAsync(cancellationToken);
        var free = LinkAccountCodes.Candidates(suggestion).Except(taken);
        if (attempt == 1)
        {
            return free.First();
        }

        var few = free.Take(attempt).ToList();
        return few[Random.Shared.Next(few.Count)];
    }

    private bool IsCodeViolation(Exception ex) =>
        db.FindUniqueViolation(ex)?.Is<PaymentLink>(nameof(PaymentLink.MerchantId), nameof(PaymentLink.AccountCode)) == true;
}
