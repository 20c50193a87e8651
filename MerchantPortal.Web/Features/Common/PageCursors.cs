using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace MerchantPortal.Web.Features.Common;

/// <summary>
/// Opaque keyset cursors. A cursor holds the last row id seen, a platform-wide counter a merchant must not read, so it
/// is encrypted and authenticated with Data Protection under a purpose per list and per merchant: it decodes to nothing
/// readable, and one merchant's cursor (or one list's) is refused for another. No extra query is needed to page.
/// </summary>
public sealed class PageCursors(IDataProtectionProvider protection)
{
    private const string Purpose = "MerchantPortal.PageCursors.v1";

    public string Encode(string list, string merchantId, long lastId)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, lastId);
        return WebEncoders.Base64UrlEncode(Protector(list, merchantId).Protect(bytes.ToArray()));
    }

    /// <summary>False for anything this list did not give this merchant: tampered, foreign, or not a cursor at all.</summary>
    public bool TryDecode(string list, string merchantId, string? cursor, out long lastId)
    {
        lastId = 0;
        try
        {
            var bytes = Protector(list, merchantId).Unprotect(WebEncoders.Base64UrlDecode(cursor ?? ""));
            if (bytes.Length != sizeof(long))
            {
                return false;
            }

            lastId = BinaryPrimitives.ReadInt64BigEndian(bytes);
            return lastId > 0;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
    }

    private IDataProtector Protector(string list, string merchantId) => protection.CreateProtector(Purpose, list, merchantId);
}
