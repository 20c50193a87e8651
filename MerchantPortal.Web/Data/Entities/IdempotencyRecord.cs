namespace MerchantPortal.Web.Data.Entities;

/// <summary>The first answer to a request made with an Idempotency-Key, replayed to its retries.</summary>
public class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>Whose key it is: a merchant id, or <c>link:{lid}</c> for a customer paying through a link.</summary>
    public string Scope { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of the action and its meaningful parameters: the same key with other parameters is a conflict.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>
    /// 0 while the first request is still running and has started nothing; <see cref="Started"/> once it recorded the
    /// payment it pushes (in the insert's transaction); then the answer's HTTP status.
    /// </summary>
    public int ResponseStatus { get; set; }

    /// <summary>The claim's request recorded its payment and has not answered yet: the claim may never be re-run.</summary>
    public const int Started = -1;

    public string? ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
