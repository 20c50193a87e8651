namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>
/// A link as the dashboard lists it: what customers paid through it (succeeded payments only), and how to share it.
/// Not an API shape: the JSON answers carry <see cref="PaymentLinkDto"/> with the document's long <c>public_url</c>.
/// </summary>
public sealed record PaymentLinkSummary(PaymentLinkDto Link, int Payments, long Collected, LinkShare Share);
