namespace MerchantPortal.Web.Features.Common;

/// <summary>
/// Text a person could have typed: no control characters (NUL above all, which PostgreSQL refuses in any text value)
/// no half of a surrogate pair (which no UTF-8 encoder can write) and no replacement character (bytes that were not
/// UTF-8). Every field of every request must pass.
/// </summary>
public static class PlainText
{
    public const string Message = "contains characters that are not allowed (control characters or broken Unicode).";

    public static bool IsPlain(string? value)
    {
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            // U+FFFD is what the decoders leave of bytes that were not UTF-8 (a form or a URL in another encoding,
            // an overlong sequence): the text as sent is lost, so it is refused rather than stored garbled.
            if ((char.IsControl(c) && c is not ('\t' or '\r' or '\n')) || c == '\uFFFD')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One line a customer or a merchant reads as it stands (a link's title, a business's name, a key's label, a push's
    /// description): no tabs or line breaks, and no bidirectional controls, which make text read as something else (a
    /// title shown reversed on the pay page). Checked besides <see cref="IsPlain"/>.
    /// </summary>
    public static bool IsOneLine(string? value) => value is null || !value.Any(c => c is '\t' or '\r' or '\n' || IsBidiControl(c));

    /// <summary>Unicode's invisible direction controls: marks, embeddings, overrides and isolates.</summary>
    public static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
