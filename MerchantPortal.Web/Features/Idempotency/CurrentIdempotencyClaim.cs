namespace MerchantPortal.Web.Features.Idempotency;

/// <summary>
/// The idempotency claim the request in progress holds (scoped: one per request), so the payment it starts records
/// it (<see cref="Data.Entities.PaymentTransaction.IdempotencyRecordId"/>) in the same insert, at no extra cost.
/// </summary>
public sealed class CurrentIdempotencyClaim
{
    public long? Id { get; set; }
}
