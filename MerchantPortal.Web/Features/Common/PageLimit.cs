using System.Globalization;

namespace MerchantPortal.Web.Features.Common;

/// <summary>The rows-per-page field of a keyset-paged list (<c>transactions</c>, <c>request_logs</c>).</summary>
public static class PageLimit
{
    /// <summary><paramref name="defaultSize"/> when no limit is given, else the whole number given, 1 to <paramref name="maxSize"/>.</summary>
    public static Result<int> Parse(string? limit, int defaultSize, int maxSize)
    {
        if (limit is null)
        {
            return defaultSize;
        }

        return int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1 && size <= maxSize
            ? size
            : ServiceError.Invalid("invalid_limit", $"limit must be a whole number from 1 to {maxSize}.", "limit");
    }
}
