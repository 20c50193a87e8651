using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>
/// A refused payment told to the customer in their language: field errors beside the field, the rest above the
/// form. The service's own words speak to API callers and merchants ("the customer's PIN…"); the customer gets these.
/// </summary>
public static class PayErrors
{
    public static void AddTo(ModelStateDictionary modelState, ServiceError error, PublicLinkView link, IStringLocalizer<PayText> l)
    {
        if (error.Fields is { Count: > 0 } fields)
        {
            foreach (var field in fields.Keys)
            {
                if (field == "phone")
                {
                    modelState.AddModelError(nameof(IndexModel.Phone), l["PhoneInvalid"].Value);
                }
                else if (field == "amount")
                {
                    modelState.AddModelError(nameof(IndexModel.Amount), PayText.Range(l, link.Min, link.Max) is { } range
                        ? l["AmountInvalidRange", range].Value : l["AmountInvalid"].Value);
                }
            }

            if (modelState.ErrorCount > 0)
            {
                return;
            }
        }

        modelState.AddModelError("", error.Code switch
        {
            "duplicate_pending" => l["DuplicatePending"].Value,
            "subscriber_busy" => l["SubscriberBusy"].Value,
            "mpesa_unavailable" => l["MpesaUnavailable"].Value,
            "mpesa_rejected" => l["MpesaRejected"].Value,
            "merchant_not_ready" or "no_payment_account" => l["NotReady"].Value,
            "link_inactive" => l["LinkInactive"].Value,
            "subscription_expired" or "merchant_suspended" => l["ClosedForCustomers"].Value,
            "rate_limited" => l["TooManyPayments"].Value,
            _ => l["StartFailed"].Value,
        });
    }
}
