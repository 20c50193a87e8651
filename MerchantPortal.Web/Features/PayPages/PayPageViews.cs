using MerchantPortal.Web.Features.PaymentLinks;

namespace MerchantPortal.Web.Features.PayPages;

/// <summary>
/// What the customer's pay page and poster show: the link, the business as customers know it (its name once set,
/// never the username after that; its uploaded logo, else the link's own logo URL) and where the money goes.
/// <c>Destination</c> is null while the merchant has no payment account.
/// </summary>
public sealed record PayPageView(PublicLinkView Link, string BusinessName, string? LogoUrl, PayDestination? Destination);

/// <summary>
/// A customer's payment as the status and receipt pages show it: nothing of other payments, and the phone only to the
/// status page (the customer's own, to send the prompt again).
/// </summary>
public sealed record CustomerPayment(
    string Status,
    string? ResultCode,
    long Amount,
    string? Receipt,
    string? LinkId,
    string? Title,
    string BusinessName,
    string Phone,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string ReceiptToken);
