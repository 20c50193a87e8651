using System.Security.Cryptography;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>
/// The merchant's one secret (<c>whsec_…</c>) for signing events sent to api_stk's per-request
/// <c>callback_url</c>. Made the first time it is needed (to sign a callback, or to show it on the Webhooks
/// page), since most merchants never use callback URLs. Encrypted with Data Protection like endpoint secrets,
/// because it must be read back to sign (decision 6).
/// </summary>
public sealed class RequestCallbackSecrets(PortalDbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    public const string Purpose = "MerchantPortal.Webhooks.RequestCallbackSecret.v1";

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    /// <summary>The secret, made now if the merchant has none; null if it can no longer be decrypted (the key ring was lost): roll it.</summary>
    public async Task<string?> GetOrCreateAsync(string merchantId, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(merchantId, cancellationToken);
        if (stored is null)
        {
            var row = new RequestCallbackSecret { MerchantId = merchantId, SecretProtected = Protector.Protect(WebhookSigning.NewSecret()), CreatedAt = time.GetUtcNow() };
            db.RequestCallbackSecrets.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two first uses at once: the one that was saved is the merchant's secret.
                db.Entry(row).State = EntityState.Detached;
            }

            stored = await ReadAsync(merchantId, cancellationToken);
        }

        try
        {
            return Protector.Unprotect(stored!);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Replaces the secret: callbacks signed from now on use the new one.</summary>
    public async Task RollAsync(string merchantId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(merchantId, cancellationToken) is null)
        {
            await GetOrCreateAsync(merchantId, cancellationToken);
        }

        var protectedSecret = Protector.Protect(WebhookSigning.NewSecret());
        var now = time.GetUtcNow();
        await db.RequestCallbackSecrets.Where(s => s.MerchantId == merchantId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.SecretProtected, protectedSecret)
            .SetProperty(r => r.CreatedAt, now), cancellationToken);
    }

    private Task<string?> ReadAsync(string merchantId, CancellationToken cancellationToken) =>
        db.RequestCallbackSecrets.AsNoTracking().Where(s => s.MerchantId == merchantId).Select(s => s.SecretProtected).SingleOrDefaultAsync(cancellationToken);}
