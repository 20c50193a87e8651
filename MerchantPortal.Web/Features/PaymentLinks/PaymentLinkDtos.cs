namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>A link as the dashboard lists it: what customers paid through it (succeeded payments only).</summary>
public sealed record PaymentLinkSummary(PaymentLinkDto Link, int Payments, long Collected);
