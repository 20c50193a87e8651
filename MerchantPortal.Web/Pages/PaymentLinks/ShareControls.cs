using MerchantPortal.Web.Features.PaymentLinks;

namespace MerchantPortal.Web.Pages.PaymentLinks;

/// <summary>
/// The model of <c>_Share.cshtml</c>: one link's address in a selectable field (copying works without JavaScript)
/// with Copy, WhatsApp and SMS beside it. <paramref name="FieldId"/> is unique on the page: the list has one per row.
/// </summary>
public sealed record ShareControls(LinkShare Share, string Title, string FieldId, string FieldLabel);
