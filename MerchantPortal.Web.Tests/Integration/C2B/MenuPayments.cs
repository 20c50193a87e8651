using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.C2B;

/// <summary>Daraja's side of a payment from the M-Pesa menu, posted to an account's URLs as Daraja posts them.</summary>
public static class MenuPayments
{
    /// <summary>A receipt no other test uses: ten upper-case letters and digits, as M-Pesa writes them.</summary>
    public static string NewReceipt() => "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();

    /// <summary>The §6.2 body: every value a string, TransTime in Nairobi time.</summary>
    public static string Body(string receipt, string amount = "250.00", string billRef = "", string msisdn = "2547****126",
        DateTimeOffset? paidAt = null, string type = "Pay Bill", string shortCode = "600984") =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["TransactionType"] = type,
            ["TransID"] = receipt,
            ["TransTime"] = (paidAt ?? DateTimeOffset.UtcNow).ToOffset(TimeSpan.FromHours(3)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            ["TransAmount"] = amount,
            ["BusinessShortCode"] = shortCode,
            ["BillRefNumber"] = billRef,
            ["InvoiceNumber"] = "",
            ["OrgAccountBalance"] = "1520.00",
            ["ThirdPartyTransID"] = "",
            ["MSISDN"] = msisdn,
            ["FirstName"] = "JANE",
            ["MiddleName"] = "W",
            ["LastName"] = "DOE",
        });

    /// <summary>The account's URL token (made when its URLs were first registered, on save).</summary>
    public static Task<string> TokenAsync(PortalApp app, string merchantPublicId, string paymentId)
    {
        var sequence = int.Parse(paymentId.TrimStart('#'), CultureInfo.InvariantCulture);
        return app.WithDbAsync(async db => (await db.PaymentAccounts.AsNoTracking()
            .Where(a => a.Sequence == sequence && db.Users.Any(u => u.Id == a.MerchantId && u.PublicId == merchantPublicId))
            .Select(a => a.C2BToken).SingleAsync())!);
    }

    public static async Task<(HttpStatusCode Status, string Body)> PostAsync(PortalApp app, string path, string body)
    {
        using var http = app.NewClient();
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static Task<(HttpStatusCode Status, string Body)> ConfirmAsync(PortalApp app, string token, string body) =>
        PostAsync(app, $"/hooks/c2b/{token}/confirmation", body);

    public static Task<(HttpStatusCode Status, string Body)> ValidateAsync(PortalApp app, string token, string body) =>
        PostAsync(app, $"/hooks/c2b/{token}/validation", body);

    /// <summary>The public id of the transaction with this receipt, or null.</summary>
    public static Task<string?> TransactionIdAsync(PortalApp app, string receipt) =>
        app.WithDbAsync(db => db.Transactions.AsNoTracking().Where(t => t.Receipt == receipt).Select(t => t.PublicId).SingleOrDefaultAsync());
}
