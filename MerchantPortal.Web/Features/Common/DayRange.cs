namespace MerchantPortal.Web.Features.Common;

/// <summary>A from/to pair of Nairobi days (yyyy-mm-dd, both optional) as the instants a filter compares with.</summary>
/// <param name="From">The start of the from day, or null.</param>
/// <param name="Before">The start of the day after the to day, or null.</param>
public readonly record struct DayRange(DateTimeOffset? From, DateTimeOffset? Before)
{
    /// <summary>The range, or <c>invalid_from</c> / <c>invalid_to</c> naming the field (also a range the wrong way round).</summary>
    public static Result<DayRange> Parse(string? from, string? to)
    {
        DateTimeOffset? start = null, before = null;
        if (from is not null)
        {
            if (!Nairobi.TryParseDay(from, out var day))
            {
                return ServiceError.Invalid("invalid_from", $"from must be a date like 2026-01-31, from {Nairobi.DaysAllowed}.", "from");
            }

            start = Nairobi.StartOfDay(day);
        }

        if (to is not null)
        {
            if (!Nairobi.TryParseDay(to, out var day))
            {
                return ServiceError.Invalid("invalid_to", $"to must be a date like 2026-01-31, from {Nairobi.DaysAllowed}.", "to");
            }

            before = Nairobi.StartOfDay(day.AddDays(1));
        }

        // An empty list would look like "nothing then"; a range the wrong way round is a mistake worth naming.
        if (start is not null && before is not null && start >= before)
        {
            return ServiceError.Invalid("invalid_from", "From is after To: choose a From date on or before the To date.", "from");
        }

        return new DayRange(start, before);
    }
}
