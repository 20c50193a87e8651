using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pay;

/// <summary>A customer's view of the pay pages over HTTP: in a language, following the payment to its end.</summary>
public static partial class CustomerPages
{
    public static HttpClient Client(PortalApp app, string? language = null)
    {
        var http = app.NewClient();
        if (language is not null)
        {
            http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return http;
    }

    /// <summary>Pays <paramref name="lid"/> from <paramref name="phone"/>; the status page's address.</summary>
    public static async Task<string> PayAsync(HttpClient http, string lid, string phone, string? amount = null)
    {
        using var posted = await FormPage.PostAsync(http, $"/pay/{lid}",
            amount is null ? [("Phone", phone)] : [("Phone", phone), ("Amount", amount)]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return posted.Headers.Location!.ToString();
    }

    /// <summary>The status page once the payment has ended (polled, not slept), HTML-decoded.</summary>
    public static async Task<string> SettledAsync(HttpClient http, string statusUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string page;
        do
        {
            page = await http.GetStringAsync(statusUrl);
            if (!page.Contains("data-status=\"pending\"", StringComparison.Ordinal))
            {
                return WebUtility.HtmlDecode(page);
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"The payment at {statusUrl} is still pending.");
    }

    public static async Task<string> LinkAsync(TestMerchant merchant, params (string, string?)[] fields) =>
        (await merchant.Api.PostAsync("create_link", fields)).AssertOk().Data.GetProperty("link_id").GetString()!;

    public static string? ReceiptHref(string page) =>
        ReceiptLink().Match(page) is { Success: true } m ? m.Groups[1].Value : null;

    public static string Lang(string page) => HtmlLang().Match(page).Groups[1].Value;

    [GeneratedRegex("href=\"(/pay/receipt/[^\"]+)\"")]
    private static partial Regex ReceiptLink();

    [GeneratedRegex("<html lang=\"([a-z]+)\"")]
    private static partial Regex HtmlLang();
}
