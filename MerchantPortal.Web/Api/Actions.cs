using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
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
        ["save_payment_account"] = new(true, false, SavePaymentAccountAsync),
        ["create_link"] = new(true, false, CreateLinkAsync),
        ["paylink"] = new(false, true, PayLinkAsync),
        ["pay_from_link"] = new(false, false, PayFromLinkAsync),
        ["generate_api_key"] = new(true, false, GenerateApiKeyAsync),
        ["api_stk"] = new(true, false, ApiStkAsync),
        ["transaction"] = new(true, true, TransactionAsync),
        ["transactions"] = new(true, true, TransactionsAsync),
        ["webhooks"] = new(true, true, WebhookActions.ListAsync),
        ["save_webhook"] = new(true, false, WebhookActions.SaveAsync),
        ["delete_webhook"] = new(true, false, WebhookActions.DeleteAsync),
        ["webhook_deliveries"] = new(true, true, WebhookActions.DeliveriesAsync),
        ["redeliver_webhook"] = new(true, false, WebhookActions.RedeliverAsync),
        ["plans"] = new(false, true, SubscriptionActions.PlansAsync),
        ["subscription"] = new(true, true, SubscriptionActions.SubscriptionAsync),
        ["renew_subscription"] = new(true, false, SubscriptionActions.RenewAsync),
    };

    private static async Task<IResult> LoginAsync(ActionCall call)
    {
        var limits = call.Service<PortalRateLimiters>();
        if (!limits.IsOpen(Limit.FailedLogin, call.ClientIp))
        {
            return TooMany(call, "Too many failed sign-ins from this address. Wait a minute and try again.");
        }

        var result = await call.Service<AccountService>().LoginAsync(new LoginRequest(call.Input["user"], call.Input["password"]), call.Aborted);
        if (result.Error?.Code == "invalid_credentials")
        {
            limits.Count(Limit.FailedLogin, call.ClientIp);
        }

        return Map(call, result, m => ApiEnvelope.Ok("Signed in.", new { user = UserSummary(m) }));
    }

    private static async Task<IResult> RegisterAsync(ActionCall call)
    {
        var limits = call.Service<PortalRateLimiters>();
        if (!limits.IsOpen(Limit.Registration, call.ClientIp))
        {
            return TooMany(call, "Too many registrations from this address. Wait a minute and try again.");
        }

        var i = call.Input;
        var result = await call.Service<AccountService>().RegisterAsync(
            new RegisterRequest(i["username"], i["email"], i["password"], i["phone"]), call.Aborted);
        if (result.Succeeded)
        {
            limits.Count(Limit.Registration, call.ClientIp);
        }

        return Map(call, result, m => ApiEnvelope.Ok("Registered and signed in.", new { user = UserSummary(m) }));
    }

    private static async Task<IResult> LogoutAsync(ActionCall call)
    {
        await call.Service<SessionService>().SignOutAsync(PortalSchemes.Merchant(call.Http.User)?.Id, call.Aborted);
        return ApiEnvelope.Ok("Signed out.").ToResult();
    }

    private static async Task<IResult> MeAsync(ActionCall call)
    {
        var result = await call.Service<ProfileService>().GetAsync(call.Me.Id, call.Aborted);
        return Map(call, result, p => ApiEnvelope.Ok("OK", new { user = p }, ("user", p)));
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
        var request = new CreateLinkRequest(i["title"], i["amount"], i["min"], i["max"], i["logo"], i["payment_id"]);
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
        var i = call.Input;
        return IdempotentAsync(call, "link:" + i["lid"], $"pay_from_link\n{i["uid"]}\n{i["lid"]}\n{i["phone"]}\n{i["amount"]}", async () =>
        {
            var limits = call.Service<PortalRateLimiters>();
            if (!limits.IsPayLinkOpen(call.ClientIp, i["phone"]))
            {
                return TooManyAnswer(call, "Too many payment attempts. Wait a minute and try again.");
            }

            var result = await call.Service<PaymentService>().PayFromLinkAsync(
                new PayFromLinkRequest(i["uid"], i["lid"], i["phone"], i["amount"]), call.Aborted);
            if (result.Succeeded)
            {
                limits.CountPayLink(call.ClientIp, i["phone"]);
            }

            return Answer(call, result, Started);
        });
    }

    private static async Task<IResult> GenerateApiKeyAsync(ActionCall call)
    {
        var result = await call.Service<ApiKeyService>().GenerateAsync(call.Me.Id, call.Input["label"], call.Aborted);
        return Map(call, result, k => ApiEnvelope.Ok("API key generated. It is shown only this once: store it securely.",
            new { key = k.Key, prefix = k.Prefix, label = k.Label, created_at = k.CreatedAt }, ("key", k.Key)));
    }

    private static Task<IResult> ApiStkAsync(ActionCall call)
    {
        var i = call.Input;
        var request = new StkPushRequest(
            i["phone"], i["amount"], i["payment_id"], i["reference"] ?? i["accountReference"], i["description"], i["callback_url"]);
        return IdempotentAsync(call, call.Me.Id, $"api_stk\n{request}", async () =>
        {
            var result = await call.Service<PortalRateLimiters>().GuardAsync(Limit.Stk, call.Me.Id, PortalRateLimiters.TooManyPushes,
                () => call.Service<PaymentService>().StartStkAsync(call.Me.Id, request, call.Aborted));
            return Answer(call, result, Started);
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
                new TransactionFilter(i["status"], i["from"], i["to"], i["payment_id"], i["link_id"], i["phone"], i["search"]),
                i["cursor"], i["limit"]), call.Aborted);
        return Map(call, result, p => ApiEnvelope.Ok("OK", new { transactions = p.Transactions, next_cursor = p.NextCursor }));
    }

    private static object UserSummary(SignedInMerchant m) => new { id = m.PublicId, username = m.Username };
}
