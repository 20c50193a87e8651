using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Browser;

/// <summary>
/// A business with a team (owner, admin, finance, cashier, a pending invitation), an initiator for reversals, a paid
/// payment whose reversal waits for approval, and an owner who belongs to a second business too.
/// </summary>
public sealed record TeamPageData(TestMerchant Owner, string InviteToken, string ReversedId)
{
    public string InvitePath => "/invite/" + InviteToken;

    /// <summary>The owner's pages of the team, the reversal and closing, besides the team page and the counter.</summary>
    public string[] OwnerPaths => ["/Members", "/Audit", "/PaymentAccounts/Initiator/1", "/Businesses", $"/Transactions/Details/{ReversedId}",
        "/Counter", "/Counter?compact=1", "/Settings/Close", "/Settings/Business"];

    /// <summary>An address as long as a real one gets: a department at a business's own domain.</summary>
    public static string LongEmail(string who) =>
        $"{who}.{Guid.NewGuid().ToString("N")[..6]}.accounts-department@mama-mboga-greens-kawangware.co.ke";

    public static async Task<TeamPageData> BusinessWithATeamAsync(PortalApp app)
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.Api.PostAsync("save_profile", ("business_name", "Mama Mboga Greens and Fresh Vegetables of Kawangware Ltd"));
        await owner.AddAccountAsync("paybill", "123456", "SHOP");
        await TestMembers.JoinAsync(app, owner, "admin");
        var finance = await TestMembers.JoinAsync(app, owner, "finance");
        await TestMembers.JoinAsync(app, owner, "cashier");
        var token = await TestMembers.InviteAsync(owner.Api, LongEmail("wanjiku"), "viewer");
        using (await PageForms.PostOwnFormAsync(owner.Api.Http, "/PaymentAccounts/Initiator/1",
            ("InitiatorName", "mamamboga_reversals_api_operator"), ("SecurityCredential", new string('Q', 340) + "==")))
        {
        }

        var paid = (await owner.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "2500"), ("reference", "ORDER-0117")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await owner.WaitForFinalAsync(paid);
        using (await PageForms.PostAsync(finance.Api.Http, "/Transactions/Details/" + paid, "handler=Reverse",
            ("reason", "Customer paid twice for the same order at the counter; the second payment goes back")))
        {
        }

        // A second business the owner was invited into, then back to their own: the switch lists both.
        var other = await TestMerchant.RegisterAsync(app);
        await other.Api.PostAsync("save_profile", ("business_name", "Kawangware Hardware, Paints and Building Supplies"));
        (await owner.Api.PostAsync("accept_invite", ("token", await TestMembers.InviteAsync(other.Api, owner.Email, "developer")))).AssertOk();
        using (await PageForms.PostAsync(owner.Api.Http, "/Businesses", "", ("merchantId", owner.PublicId)))
        {
        }

        return new TeamPageData(owner, token, paid);
    }
}
