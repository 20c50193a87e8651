namespace MerchantPortal.Web.Features.Common;

/// <summary>
/// Text a person could have typed: no control characters (NUL above all, which PostgreSQL refuses in any text value)
/// and no half of a surrogate pair (which no UTF-8 encoder can write). Every field of every request must pass.
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
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
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
}
