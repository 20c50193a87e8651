using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Business;
using MerchantPortal.Web.Features.Merchants;

namespace MerchantPortal.Web.Pages.Forms;

/// <summary>
/// The one place a form's error is put in plain words naming its field ("Enter your paybill or till number: 5 to 7
/// digits."). The services keep the API's wording ("number must be…"), which the API document's clients read; pages
/// show this instead, beside the input, and the browser-side rules carry the same text.
/// </summary>
public static class FormWording
{
    /// <summary>The validators' API messages that a person would not say, and what a page says instead.</summary>
    private static readonly Dictionary<string, string> Plain = new(StringComparer.Ordinal)
    {
        // Register and sign in
        ["username is required."] = UsernameHelp,
        ["username must be 3 to 32 letters, digits, '_', '.' or '-'."] = UsernameHelp,
        ["email is required."] = "Enter your email address.",
        ["email is too long."] = "Enter an email address of at most 254 characters.",
        ["email is not a valid email address."] = "Enter your email address, such as name@example.com.",
        ["password is required."] = "Enter your password.",
        [$"password must be at least {RegisterRequestValidator.MinPasswordLength} characters."] = PasswordHelp,
        ["password must be at most 128 characters."] = PasswordHelp,
        ["user (username or email) is required."] = "Enter your username or email address.",
        ["phone is not a valid phone number. " + Phones.FormatHelp] = PhoneHelp,
        ["phone is required. " + Phones.FormatHelp] = PhoneHelp,
        // Payment accounts
        ["type is required: \"paybill\" or \"till\"."] = "Choose Paybill or Till (Buy Goods).",
        ["type must be \"paybill\" or \"till\"."] = "Choose Paybill or Till (Buy Goods).",
        ["number is required: the paybill or till number."] = NumberHelp,
        ["number must be a paybill or till number of 5 to 7 digits."] = NumberHelp,
        ["accountReference must be at most 12 letters, digits, spaces or . _ # -."] =
            "Enter an account reference of at most 12 letters, digits, spaces or . _ # -, or leave it empty.",
        ["payment_id must look like #00001."] = "Choose one of your payment accounts.",
        ["nominated_number is not a valid phone number. " + Phones.FormatHelp] =
            "Enter the phone number on your shortcode's M-Pesa registration, such as 0722 000 000.",
        // Payment links
        ["title is required."] = "Enter a title: what the customer pays for.",
        ["title must be at most 120 characters."] = "Enter a title of at most 120 characters.",
        ["logo must be an http:// or https:// URL."] = "Enter the address of the logo, starting with https://, or leave it empty.",
        ["logo must be at most 500 characters."] = "Enter a logo address of at most 500 characters.",
        ["amount is required."] = "Enter the amount in whole shillings, such as 1,500.",
        ["min must not be greater than max."] = "Enter a minimum no greater than the maximum.",
        ["amount must not be below min."] = "Enter a fixed amount no lower than the minimum.",
        ["amount must not be above max."] = "Enter a fixed amount no higher than the maximum.",
        ["account_code must be 2 to 12 letters or digits, such as TEA50."] =
            "Enter an account number of 2 to 12 letters or digits, such as TEA50, or leave it empty.",
        [Features.PaymentLinks.LinkTotals.Refusal] =
            "Enter the total in whole shillings, such as 15,000, or leave it empty.",
        // Business profile
        [$"business_name must be {BusinessNameRules.MinLength} to {Merchant.BusinessNameMaxLength} characters, or blank to use your username."] =
            $"Enter a business name of {BusinessNameRules.MinLength} to {Merchant.BusinessNameMaxLength} characters, or leave it empty to use your username.",
        ["support_phone is not a valid phone number. " + Phones.FormatHelp] = "Enter a support phone number such as 0712 345 678, or leave it empty.",
        ["support_email is too long."] = "Enter a support email address of at most 254 characters.",
        ["support_email is not a valid email address, such as help@example.com."] = "Enter a support email address such as help@example.com, or leave it empty.",
        // Webhooks
        ["url is required."] = "Enter the address of your endpoint, starting with https://.",
        // Admin plans
        ["name is required."] = "Enter the name of the plan.",
        [$"name must be at most {AdminLimits.MaxPlanNameLength} characters."] = $"Enter a plan name of at most {AdminLimits.MaxPlanNameLength} characters.",
        ["price is required."] = "Enter the price in whole shillings, such as 1,500.",
        [$"period_days must be a whole number from 1 to {AdminLimits.MaxPeriodDays}."] =
            $"Enter the period in days: a whole number from 1 to {AdminLimits.MaxPeriodDays}.",
        [$"days must be a whole number from 1 to {AdminLimits.MaxExtensionDays}."] =
            $"Enter the number of days: a whole number from 1 to {AdminLimits.MaxExtensionDays}.",
        ["reason is required: the merchant is told it."] = "Enter the reason: the merchant is told it.",
    };

    /// <summary>How a sentence names a field the API names (<c>min</c> → "The minimum").</summary>
    private static readonly Dictionary<string, string> FieldPhrases = new(StringComparer.Ordinal)
    {
        ["amount"] = "The amount",
        ["min"] = "The minimum",
        ["max"] = "The maximum",
        ["price"] = "The price",
        ["label"] = "The label",
        ["reason"] = "The reason",
        ["password"] = "The password",
        ["url"] = "The endpoint URL",
    };

    private const string UsernameHelp = "Choose a username of 3 to 32 letters, digits, _ . or -.";

    private const string PasswordHelp = "Choose a password of 6 to 128 characters.";

    private const string PhoneHelp = "Enter a Kenyan mobile number, such as 0712 345 678.";

    private const string NumberHelp = "Enter your paybill or till number: 5 to 7 digits.";

    /// <summary>
    /// The page's words for a failure the API words as <paramref name="apiMessage"/> about <paramref name="field"/>
    /// (the API's name): a listed message, else the message with the field named in words ("amount must be…" →
    /// "The amount must be…"), else the message as it is (services already word most whole-form refusals plainly).
    /// </summary>
    public static string For(string field, string apiMessage)
    {
        if (Plain.TryGetValue(apiMessage, out var plain))
        {
            return plain;
        }

        foreach (var separator in new[] { " ", ": " })
        {
            var prefix = field + separator;
            if (field.Length > 0 && apiMessage.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = apiMessage[prefix.Length..];
                return $"{Phrase(field)}{(separator == " " ? " " : ": ")}{rest}";
            }
        }

        return apiMessage;
    }

    private static string Phrase(string field) => FieldPhrases.TryGetValue(field, out var phrase)
        ? phrase
        : char.ToUpperInvariant(field[0]) + field[1..].Replace('_', ' ');
}
