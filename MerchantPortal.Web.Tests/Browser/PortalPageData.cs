using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Browser;

/// <summary>A merchant with something on every page: an account, links, payments, a webhook, an API key, long and hostile text.</summary>
public sealed record PortalPageData(TestMerchant Merchant, string LinkId, string TransactionId)
{
    public const string HostileTitle = "<b>Nyama</b> & \"choma\" sukuma_wiki_na_ugali_kwa_wote_bila_nafasi_yoyote_hapa_katikati";

    /// <summary>The pages the issue names for the axe checks.</summary>
    public string[] AxePaths => ["/Dashboard", "/PaymentLinks", $"/PaymentLinks/Details/{LinkId}", "/Transactions", $"/Transactions/Details/{TransactionId}", "/Webhooks", "/Billing"];

    /// <summary>Every page a merchant reaches from the menu, and the pages behind them.</summary>
    public string[] AllPaths => [.. AxePaths, "/PaymentLinks/Create", $"/PaymentLinks/Edit/{LinkId}", "/PaymentAccounts", "/PaymentAccounts/Create",
        "/ApiKeys", "/Developers", "/Settings/Business", "/Statements", "/Identity/Account/Manage/ChangePassword", "/Identity/Account/Manage/TwoFactor"];

    public static async Task<PortalPageData> MerchantWithEverythingAsync(PortalApp app)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.Api.PostAsync("save_profile", ("business_name", "Mama Mboga Greens and Fresh Vegetables of Kawangware <i>Ltd</i>"));
        await merchant.AddAccountAsync("paybill", "123456", "SHOP");
        var lid = (await merchant.Api.PostAsync("create_link", ("title", HostileTitle), ("min", "50"), ("max", "250000")))
            .AssertOk().Data.GetProperty("link_id").GetString()!;
        await merchant.Api.PostAsync("create_link", ("title", "Chapati"), ("amount", "30"));
        (await merchant.Api.PostAsync("save_webhook", ("url", "https://example.com/" + new string('h', 150)))).AssertOk();
        (await merchant.Api.PostAsync("generate_api_key", ("label", "Till <b>2</b> at the counter"))).AssertOk();
        var paid = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "1500"), ("reference", "INV-2026-001"), ("description", "Sukuma wiki")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var cancelled = (await merchant.Api.PostAsync("api_stk", ("phone", SimulatorPhones.Cancelled), ("amount", "250")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(paid);
        await merchant.WaitForFinalAsync(cancelled);
        return new PortalPageData(merchant, lid, paid);
    }
}
