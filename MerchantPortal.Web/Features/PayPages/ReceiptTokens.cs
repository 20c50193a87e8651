using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace MerchantPortal.Web.Features.PayPages;

/// <summary>
/// The receipt page's address is the payment's status token sealed with Data Protection under its own purpose
/// (decision 14): unguessable and tamper-proof, different from the status page's address (which can send the prompt
/// again), and needs nothing stored. Old keys of the ring still open it after rotation.
/// </summary>
public sealed class ReceiptTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("MerchantPortal.Receipts.v1");

    public string For(string statusToken) =>
        WebEncoders.Base64UrlEncode(protector.Protect(Encoding.ASCII.GetBytes(statusToken)));

    /// <summary>The status token sealed in <paramref name="receiptToken"/>, or null for anything this portal did not issue.</summary>
    public string? StatusTokenOf(string? receiptToken)
    {
        if (string.IsNullOrEmpty(receiptToken) || receiptToken.Length > 400)
        {
            return null;
        }

        try
        {
            return Encoding.ASCII.GetString(protector.Unprotect(WebEncoders.Base64UrlDecode(receiptToken)));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
