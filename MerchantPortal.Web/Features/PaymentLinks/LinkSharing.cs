using System.Globalization;
using System.Text;

namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>How the dashboard offers a link to be shared: the short address and ready-made WhatsApp and SMS messages.</summary>
/// <param name="Url">The short <c>/pay/{lid}</c> address people read, copy and scan.</param>
public sealed record LinkShare(string Url, string WhatsAppHref, string SmsHref);

public static class LinkSharing
{
    /// <summary>Long enough for any title people recognise, short enough for every file system and chat app.</summary>
    public const int MaxSlugLength = 60;

    public static LinkShare For(string title, string amountText, string url)
    {
        // Encoded as one query value: a title with "&", "#" or "?" cannot end the message early or add a parameter.
        var message = Uri.EscapeDataString($"{title} ({amountText}). Pay with M-Pesa: {url}");
        return new LinkShare(url, "https://wa.me/?text=" + message, "sms:?&body=" + message);
    }

    /// <summary>
    /// "Sukuma wiki bundle" → <c>sukuma-wiki-bundle-qr.png</c>; a title with no letter or digit in ASCII (emoji only,
    /// another script) falls back to the link id, so every download has a name a person can find again.
    /// </summary>
    /// <remarks>Link ids are ASCII letters, digits and "_" already (<see cref="Common.Ids.NewLinkId"/>).</remarks>
    public static string QrFileName(string title, string linkId, string extension) =>
        $"{(Slug(title) is { Length: > 0 } slug ? slug : linkId)}-qr.{extension}";

    /// <summary>Lower-case ASCII letters and digits joined by single hyphens; accents dropped ("Café" → "cafe").</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= MaxSlugLength)
            {
                break;
            }
        }

        return slug.ToString().Trim('-');
    }
}
