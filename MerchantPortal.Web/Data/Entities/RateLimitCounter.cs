namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// How many of one limited thing (a failed sign-in, a push…) one key has taken in one fixed window. Kept in the
/// database so every instance on one PostgreSQL counts against the same allowance.
/// </summary>
public class RateLimitCounter
{
    /// <summary>The limit and whose allowance: <c>Stk:{merchant id}</c>, <c>PayLinkPhone:{msisdn}</c>…</summary>
    public string Key { get; set; } = "";

    /// <summary>Start of the window in unix seconds (a multiple of the window's length).</summary>
    public long WindowStart { get; set; }

    public int Count { get; set; }
}
