namespace MerchantPortal.Web.Tests.Support;

/// <summary>People joining a test's business: invited by its owner (or an admin) and accepting through the API.</summary>
public static class TestMembers
{
    /// <summary>
    /// A new person (registered, so with a business of their own too) invited with <paramref name="role"/> and accepted:
    /// their session (<see cref="TestMerchant.Api"/>) now acts for <paramref name="business"/>.
    /// </summary>
    public static async Task<TestMerchant> JoinAsync(PortalApp app, TestMerchant business, string role, ApiClient? inviter = null)
    {
        var person = await TestMerchant.RegisterAsync(app);
        var token = await InviteAsync(inviter ?? business.Api, person.Email, role);
        (await person.Api.PostAsync("accept_invite", ("token", token))).AssertOk();
        return person;
    }

    /// <summary>Invites <paramref name="email"/> and returns the invitation's token (the end of its link).</summary>
    public static async Task<string> InviteAsync(ApiClient inviter, string email, string role)
    {
        var url = (await inviter.PostAsync("invite_member", ("email", email), ("role", role))).AssertOk()
            .Data.GetProperty("invite_url").GetString()!;
        return TokenOf(url);
    }

    public static string TokenOf(string inviteUrl) => inviteUrl[(inviteUrl.LastIndexOf('/') + 1)..];
}
