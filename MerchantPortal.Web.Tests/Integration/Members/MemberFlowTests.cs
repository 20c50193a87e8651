using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Members;

/// <summary>Invitations, switching business, roles, removal and the audit entries they leave.</summary>
public abstract class MemberFlowTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task SomeoneWithoutASignInJoinsThroughTheEmailedLinkAndActsForTheBusinessAsTheirRole()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var email = "c" + Guid.NewGuid().ToString("N")[..10] + "@example.com";
        await TestMembers.InviteAsync(owner.Api, email, "cashier");
        var link = await app.WaitForLinkAsync(email, "/invite/");

        using var browser = app.NewClient();
        var offer = WebUtility.HtmlDecode(await browser.GetStringAsync(link));
        Assert.Contains("as Cashier", offer);
        var username = "k" + Guid.NewGuid().ToString("N")[..10];
        using var joined = await PageForms.PostAsync(browser, link, "handler=Create", ("Username", username), ("Password", "secret1"));
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        using var home = await browser.GetAsync("/");
        Assert.Equal("/Counter", home.Headers.Location?.OriginalString);

        var me = (await new ApiClient(browser).GetAsync("me")).AssertOk();
        Assert.Equal(owner.PublicId, me.Data.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(0, me.Data.GetProperty("user").GetProperty("api_keys").GetArrayLength());
        var member = me.Body.GetProperty("member");
        Assert.Equal("cashier", member.GetProperty("role").GetString());
        Assert.Equal(username, member.GetProperty("username").GetString());
        Assert.Equal(email, member.GetProperty("email").GetString());
        Assert.StartsWith("m_", member.GetProperty("id").GetString());

        // The link worked once; the sign-in it made is a person, not a business the operator counts.
        Assert.Contains("already used", WebUtility.HtmlDecode(await app.NewClient().GetStringAsync(link)));
        var login = (await app.NewApi().PostAsync("login", ("user", username), ("password", "secret1"))).AssertOk();
        Assert.Equal(owner.PublicId, login.Data.GetProperty("user").GetProperty("id").GetString());
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == username && u.MemberOnly)));
    }

    [Fact]
    public async Task AnInvitationIsAcceptedOnlyByItsAddressAndOnlyOnce()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var invited = await TestMerchant.RegisterAsync(app);
        var stranger = await TestMerchant.RegisterAsync(app);
        var token = await TestMembers.InviteAsync(owner.Api, invited.Email.ToUpperInvariant(), "finance");

        (await stranger.Api.PostAsync("accept_invite", ("token", token))).AssertError(HttpStatusCode.Forbidden, "invite_wrong_email");
        (await invited.Api.PostAsync("accept_invite", ("token", "inv_" + Guid.NewGuid().ToString("N")))).AssertError(HttpStatusCode.NotFound, "invite_not_found");
        (await app.NewApi().PostAsync("accept_invite", ("token", token))).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
        var accepted = (await invited.Api.PostAsync("accept_invite", ("token", token))).AssertOk();
        Assert.Equal(owner.PublicId, accepted.Data.GetProperty("business").GetProperty("merchant_id").GetString());
        Assert.Equal("finance", accepted.Data.GetProperty("business").GetProperty("role").GetString());
        (await invited.Api.PostAsync("accept_invite", ("token", token))).AssertError(HttpStatusCode.Conflict, "invite_used");
        (await owner.Api.PostAsync("invite_member", ("email", invited.Email), ("role", "viewer"))).AssertError(HttpStatusCode.Conflict, "already_member");

        var members = (await owner.Api.GetAsync("members")).AssertOk().Data.GetProperty("members").EnumerateArray()
            .Select(m => (m.GetProperty("id").GetString(), m.GetProperty("role").GetString())).ToList();
        Assert.Equal([(owner.PublicId, "owner"), (invited.PublicId, "finance")], members);
    }

    [Fact]
    public async Task TwoAcceptsOfOneInvitationAtTheSameMomentJoinOnce()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var invited = await TestMerchant.RegisterAsync(app);
        var token = await TestMembers.InviteAsync(owner.Api, invited.Email, "viewer");
        using var second = await SessionClient.SignInAsync(app, invited);

        var answers = await Task.WhenAll(invited.Api.PostAsync("accept_invite", ("token", token)), second.Api.PostAsync("accept_invite", ("token", token)));

        Assert.Single(answers, a => a.Ok);
        Assert.Equal(1, await app.WithDbAsync(db => db.BusinessMembers.CountAsync(m => m.UserId != m.MerchantId
            && db.Users.Any(u => u.Id == m.MerchantId && u.PublicId == owner.PublicId))));
    }

    [Fact]
    public async Task APersonSwitchesBetweenTheirBusinessesAndMeFollows()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var person = await TestMembers.JoinAsync(app, owner, "developer");
        var stranger = await TestMerchant.RegisterAsync(app);
        Assert.Equal(owner.PublicId, await BusinessOfAsync(person.Api));

        var switched = (await person.Api.PostAsync("switch_business", ("merchant_id", person.PublicId))).AssertOk();

        Assert.Equal("owner", switched.Data.GetProperty("business").GetProperty("role").GetString());
        Assert.Equal(person.PublicId, await BusinessOfAsync(person.Api));
        (await person.Api.PostAsync("switch_business", ("merchant_id", stranger.PublicId))).AssertError(HttpStatusCode.NotFound, "business_not_found");
        Assert.Contains("Switch business", WebUtility.HtmlDecode(await person.Api.Http.GetStringAsync("/Dashboard")));
        using var back = await PageForms.PostAsync(person.Api.Http, "/Businesses", "", ("merchantId", owner.PublicId));
        Assert.Equal(owner.PublicId, await BusinessOfAsync(person.Api));
    }

    [Fact]
    public async Task ARemovedMemberLosesAccessOnTheirNextRequest()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var admin = await TestMembers.JoinAsync(app, owner, "admin");
        var cashier = await TestMembers.JoinAsync(app, owner, "cashier", inviter: admin.Api);

        (await admin.Api.PostAsync("remove_member", ("member_id", cashier.PublicId))).AssertOk();

        (await cashier.Api.GetAsync("me")).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
        using var again = await SessionClient.SignInAsync(app, cashier);
        Assert.Equal(cashier.PublicId, await BusinessOfAsync(again.Api));
        (await admin.Api.PostAsync("remove_member", ("member_id", cashier.PublicId))).AssertError(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task OnlyAnOwnerTouchesOwnersAndABusinessKeepsOne()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var admin = await TestMembers.JoinAsync(app, owner, "admin");

        (await admin.Api.PostAsync("change_role", ("member_id", owner.PublicId), ("role", "viewer"))).AssertError(HttpStatusCode.Forbidden, "role_forbidden");
        (await admin.Api.PostAsync("remove_member", ("member_id", owner.PublicId))).AssertError(HttpStatusCode.Forbidden, "role_forbidden");
        (await admin.Api.PostAsync("invite_member", ("email", "x" + Guid.NewGuid().ToString("N")[..8] + "@example.com"), ("role", "owner")))
            .AssertError(HttpStatusCode.Forbidden, "role_forbidden");
        (await admin.Api.PostAsync("change_role", ("member_id", admin.PublicId), ("role", "owner"))).AssertError(HttpStatusCode.Forbidden, "role_forbidden");
        (await owner.Api.PostAsync("change_role", ("member_id", owner.PublicId), ("role", "admin"))).AssertError(HttpStatusCode.Conflict, "last_owner");
        (await owner.Api.PostAsync("remove_member", ("member_id", owner.PublicId))).AssertError(HttpStatusCode.Conflict, "last_owner");
        (await owner.Api.PostAsync("change_role", ("member_id", admin.PublicId), ("role", "chief"))).AssertError(HttpStatusCode.BadRequest, "invalid_role");

        (await owner.Api.PostAsync("change_role", ("member_id", admin.PublicId), ("role", "owner"))).AssertOk();
        (await owner.Api.PostAsync("remove_member", ("member_id", owner.PublicId))).AssertOk();

        var members = (await admin.Api.GetAsync("members")).AssertOk().Data.GetProperty("members");
        Assert.Equal("owner", Assert.Single(members.EnumerateArray()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task MemberChangesAndKeysAreInTheBusinessAuditLog()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var developer = await TestMembers.JoinAsync(app, owner, "developer");
        await developer.GenerateKeyAsync("By the developer");
        (await owner.Api.PostAsync("change_role", ("member_id", developer.PublicId), ("role", "viewer"))).AssertOk();
        (await owner.Api.PostAsync("remove_member", ("member_id", developer.PublicId))).AssertOk();

        var entries = await app.WithDbAsync(db => (from a in db.BusinessAudit
                                                    join b in db.Users on a.MerchantId equals b.Id
                                                    where b.PublicId == owner.PublicId
                                                    orderby a.Id
                                                    select new { a.Action, a.ActorName, a.Target, a.Detail, a.Ip }).ToListAsync());

        Assert.Equal(["member.invite", "member.join", "api_key.create", "member.role_change", "member.remove"], entries.Select(e => e.Action));
        Assert.Equal([owner.Username, developer.Username, developer.Username, owner.Username, owner.Username], entries.Select(e => e.ActorName));
        Assert.Equal("developer → viewer", entries[3].Detail);
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.Ip)));
        Assert.NotNull(await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Label == "By the developer").Select(k => k.CreatedById).SingleAsync()));
    }

    private static async Task<string?> BusinessOfAsync(ApiClient api) =>
        (await api.GetAsync("me")).AssertOk().Data.GetProperty("user").GetProperty("id").GetString();
}

public sealed class SqliteMemberFlowTests(SqliteMailApp app) : MemberFlowTests<SqliteMailApp>(app);

public sealed class PostgresMemberFlowTests(PostgresMailApp app) : MemberFlowTests<PostgresMailApp>(app);
