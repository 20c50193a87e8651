using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Web.Features.Idempotency;
using MerchantPortal.Web.Features.Members;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Features.Transactions;
using static MerchantPortal.Web.Api.ActionAnswers;

namespace MerchantPortal.Web.Api;

/// <summary>The action table: each entry binds fields, calls one service method and maps its result.</summary>
public static class Actions
{
    public static readonly IReadOnlyDictionary<string, ActionRoute> Table = new Dictionary<string, ActionRoute>(StringComparer.Ordinal)
    {
        ["login"] = new(false, false, LoginAsync) { ChangesSession = true },
        ["register"] = new(false, false, RegisterAsync) { ChangesSession = true },
        ["logout"] = new(false, false, LogoutAsync) { ChangesSession = true },
        ["me"] = new(true, true, MeAsync),
        ["save_profile"] = new(true, false, BusinessActions.SaveProfileAsync) { Needs = Permission.ManageBusiness },
        ["save_payment_account"] = new(true, false, SavePaymentAccountAsync) { Needs = Permission.ManageBusiness },
        ["create_link"] = new(true, false, CreateLinkAsync) { Needs = Permission.ManageBusiness },
        ["paylink"] = new(false, true, PayLinkAsync),
        ["pay_from_link"] = new(false, false, PayFromLinkAsync),
        ["generate_api_key"] = new(true, false, GenerateApiKeyAsync) { Needs = Permission.Develop },
        ["api_stk"] = new(true, false, ApiStkAsync) { Needs = Permission.TakePayments },
        ["transaction"] = new(true, true, TransactionAsync) { Needs = Permission.ViewPayments },
        ["transactions"] = new(true, true, TransactionsAsync) { Needs = Permission.ViewPayments },
        ["request_logs"] = new(true, true, RequestLogsAsync) { Needs = Permission.Develop },
        ["simulate_c2b"] = new(true, false, C2BActions.SimulateAsync) { Needs = Permission.Develop },
        ["register_c2b_urls"] = new(true, false, C2BActions.RegisterUrlsAsync) { Needs = Permission.ManageBusiness },
        ["assign_payment"] = new(true, false, C2BActions.AssignPaymentAsync) { Needs = Permission.ManagePayments },
        ["webhooks"] = new(true, true, WebhookActions.ListAsync) { Needs = Permission.Develop },
        ["save_webhook"] = new(true, false, WebhookActions.SaveAsync) { Needs = Permission.Develop },
        ["delete_webhook"] = new(true, false, WebhookActions.DeleteAsync) { Needs = Permission.Develop },
        ["webhook_deliveries"] = new(true, true, WebhookActions.DeliveriesAsync) { Needs = Permission.Develop },
        ["redeliver_webhook"] = new(true, false, WebhookActions.RedeliverAsync) { Needs = Permission.Develop },
        ["plans"] = new(false, true, SubscriptionActions.PlansAsync),
        ["subscription"] = new(true, true, SubscriptionActions.SubscriptionAsync) { Needs = Permission.Read },
        ["renew_subscription"] = new(true, false, SubscriptionActions.RenewAsync) { Needs = Permission.Billing },
        ["members"] = new(true, true, MemberActions.ListAsync) { Needs = Permission.ManageMembers },
        ["invite_member"] = new(true, false, MemberActions.InviteAsync) { Needs = Permission.ManageMembers },
        ["change_role"] = new(true, false, MemberActions.ChangeRoleAsync) { Needs = Permission.ManageMembers },
        ["remove_member"] = new(true, false, MemberActions.RemoveAsync) { Needs = Permission.ManageMembers },
        // A person's own acts: they need a session, not a business (an invitation may be someone's first).
        ["accept_invite"] = new(false, false, MemberActions.AcceptInviteAsync) { ChangesSession = true },
        ["switch_business"] = new(false, false, MemberActions.SwitchBusinessAsync) { ChangesSession = true },
    };

    private static async Task<IResult> LoginAsync(ActionCall call)
    {
        var result = await call.Service<AccountService>().LoginAsync(
            new LoginRequest(call.Input["user"], call.Input["password"]), call.ClientIp, call.Aborted);
        return Map(call, result, m => ApiEnvelope.Ok("Signed in.", new { user = UserSummary(m) }));
    }

    private static async Task<IResult> RegisterAsync(ActionCall call)
    {
        var i = call.Input;
        var result = await call.Service<AccountService>().RegisterAsync(
            new RegisterRequest(i["username"], i["email"], i["password"], i["phone"], i["business_name"]), call.ClientIp, call.Aborted);
        return Map(call, result, m => ApiEnvelope.Ok("Registered and signed in.", new { user = UserSummary(m) }));
    }

    private static async Task<IResult> LogoutAsync(ActionCall call)
    {
        await call.Service<SessionService>().SignOutAsync(PortalSchemes.PersonId(call.Http.User), call.Aborted);
        return ApiEnvelope.Ok("Signed out.").ToResult();
    }

    private static async Task<IResult> MeAsync(ActionCall call)
    {
        var result = await call.Service<ProfileService>().GetAsync(call.Me.Id, call.Me.Allows(Permission.Develop), call.Aborted,
            withLists: call.Me.Allows(Permission.Read));
        if (!result.Succeeded || call.Me.PersonId is null)
        {
            return Map(call, result, p => ApiEnvelope.Ok("OK", new { user = p }, ("user", p)));
        }

        // A session is a person acting for the business: me.member says who, and with which role.
        var member = await call.Service<MemberService>().PersonAsync(call.Me, call.Aborted);
        return Map(call, result, p => ApiEnvelope.Ok("OK", new { user = p, member }, ("user", p), ("member", member)));
    }

    private static async Task<IResult> SavePaymentAccountAsync(ActionCall call)
    {
        var i = call.Input;
        var request = new SavePaymentAccountRequest(i["type"], i["number"], i["accountReference"] ?? i["account_reference"], i["payment_id"]);
        var result = await call.Service<PaymentAccountService>().SaveAsync(call.Me.Id, request, call.Aborted);
        return Map(call, result, s => ApiEnvelope.Ok(
            $"Payment account {s.Account.PaymentId} {(s.Created ? "added" : "updated")}.",
            new { payment_account = s.Account, payment_id = s.Account.PaymentId, created = s.Created }));
    }

    private static async Task<IResult> CreateLinkAsync(ActionCall call)
    {
        var i = call.Input;
        var request = new CreateLinkRequest(i["title"], i["amount"], i["min"], i["max"], i["logo"], i["payment_id"], i["account_code"], i["collect_total"]);
        var result = await call.Service<PaymentLinkService>().CreateAsync(call.Me.Id, request, call.Aborted);
        return Map(call, result, c => ApiEnvelope.Ok("Payment link created.",
            new { link_id = c.Link.Id, public_url = c.PublicUrl, link = c.Link }, ("public_url", c.PublicUrl)));
    }

    private static async Task<IResult> PayLinkAsync(ActionCall call)
    {
        var result = await call.Service<PaymentLinkService>().GetPublicAsync(call.Input["uid"], call.Input["lid"], call.Aborted);
        return Map(call, result, v => ApiEnvelope.Ok("OK", new { link = v }));
    }

    private static Task<IResult> PayFromLinkAsync(ActionCall call)
    {
        var request = new PayFromLinkRequest(call.Input["uid"], call.Input["lid"], call.Input["phone"], call.Input["amount"]);
        var fingerprint = Fingerprint.Of("pay_from_link",
            ("uid", request.Uid), ("lid", request.Lid), ("phone", Fingerprint.Phone(request.Phone)), ("amount", request.Amount));
        return IdempotentAsync(call, "link:" + request.Lid, fingerprint, async () =>
        {
            var result = await call.Service<PortalRateLimiters>().GuardAsync(
                PortalRateLimiters.PayLink(call.ClientIp, request.Phone), PortalRateLimiters.TooManyPayments,
                () => call.Service<PaymentService>().PayFromLinkAsync(request, call.Aborted), PushAttempt.WasMade, call.Aborted);
            return PushAnswer(call, result);
        });
    }

    private static async Task<IResult> GenerateApiKeyAsync(ActionCall call)
    {
        var result = await call.Service<ApiKeyService>().GenerateAsync(call.Me, call.Input["label"], call.Input["mode"], call.Aborted);
        return Map(call, result, k => ApiEnvelope.Ok("API key generated. It is shown only this once: store it securely.",
            new { key = k.Key, prefix = k.Prefix, label = k.Label, created_at = k.CreatedAt, mode = k.Mode }, ("key", k.Key)));
    }

    private static Task<IResult> ApiStkAsync(ActionCall call)
    {
        var i = call.Input;
        var request = new StkPushRequest(
            i["phone"], i["amount"], i["payment_id"], i["reference"] ?? i["accountReference"], i["description"], i["callback_url"]);
        var fingerprint = Fingerprint.Of("api_stk", ("phone", Fingerprint.Phone(request.Phone)), ("amount", request.Amount), ("payment_id", request.PaymentId),
            ("reference", request.Reference), ("description", request.Description), ("callback_url", request.CallbackUrl));
        return IdempotentAsync(call, call.Me.Id, fingerprint, async () =>
        {
            var result = await call.Service<PortalRateLimiters>().GuardAsync(Limit.Stk, call.Me.Id, PortalRateLimiters.TooManyPushes,
                () => call.Service<PaymentService>().StartStkAsync(call.Me.Id, request, call.Aborted, call.Me.PersonId), PushAttempt.WasMade);
            return PushAnswer(call, result);
        });
    }

    private static async Task<IResult> TransactionAsync(ActionCall call)
    {
        var result = await call.Service<TransactionQueryService>().GetAsync(
            call.Me.Id, call.Input["transaction_id"] ?? call.Input["id"], call.Input["checkout_request_id"], call.Aborted);
        return Map(call, result, t => ApiEnvelope.Ok("OK", new { transaction = t }));
    }

    private static async Task<IResult> TransactionsAsync(ActionCall call)
    {
        var i = call.Input;
        var result = await call.Service<TransactionQueryService>().ListAsync(
            call.Me.Id, new ListTransactionsRequest(
                new TransactionFilter(i["status"], i["from"], i["to"], i["payment_id"], i["link_id"], i["phone"], i["search"],
                    Channel: i["channel"], Unmatched: i["unmatched"] is "1" or "true"),
                i["cursor"], i["limit"]), call.Aborted);
        return Map(call, result, p => ApiEnvelope.Ok("OK", new { transactions = p.Transactions, next_cursor = p.NextCursor }));
    }

    private static async Task<IResult> RequestLogsAsync(ActionCall call)
    {
        var i = call.Input;
        var result = await call.Service<Features.RequestLogs.RequestLogService>().ListAsync(call.Me.Id,
            new Features.RequestLogs.RequestLogFilter(i["log_action"], i["http_status"], i["key"], i["from"], i["to"]), i["cursor"], i["limit"], call.Aborted);
        return Map(call, result, p => ApiEnvelope.Ok("OK", new { requests = p.Requests, next_cursor = p.NextCursor }));
    }

    private static object UserSummary(SignedInMerchant m) => new { id = m.PublicId, username = m.Username };
}
