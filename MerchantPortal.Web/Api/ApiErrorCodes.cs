using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Api;

/// <summary>One error <c>code</c> the action router can answer, the kinds it is raised with, and what to do about it.</summary>
/// <param name="Status">Set only where the answer's status is not the kind's (a framework or last-resort answer).</param>
public sealed record ApiErrorCode(string Code, IReadOnlyList<ErrorKind> Kinds, string Meaning, string? Status = null)
{
    /// <summary>The HTTP statuses this code comes with, from the one kind→status map the envelope uses.</summary>
    public string HttpStatus => Status ?? string.Join(" or ", Kinds.Select(ApiEnvelope.HttpStatus).Distinct().Order());
}

/// <summary>
/// The error codes the actions answer, shown on the Developers page. The codes are raised where the rules are (services,
/// validators, the router); this list only explains them. A unit test reads the code behind the router and fails when a
/// code (or a kind, so a status) is missing here, or when one listed here is no longer raised anywhere.
/// </summary>
public static class ApiErrorCodes
{
    /// <summary>The fallback a validator rule without its own code answers: <c>invalid_</c> and the field's name.</summary>
    public const string InvalidField = "invalid_<field>";

    /// <summary>What the web server answers under /index.php before an action runs (an unknown path, a wrong method).</summary>
    public const string FrameworkStatus = "http_<status>";

    private static readonly ErrorKind[] Invalid = [ErrorKind.Invalid];
    private static readonly ErrorKind[] Unauthenticated = [ErrorKind.Unauthenticated];
    private static readonly ErrorKind[] Forbidden = [ErrorKind.Forbidden];
    private static readonly ErrorKind[] NotFound = [ErrorKind.NotFound];
    private static readonly ErrorKind[] Conflict = [ErrorKind.Conflict];
    private static readonly ErrorKind[] Upstream = [ErrorKind.Upstream];

    public static readonly IReadOnlyList<ApiErrorCode> All = [.. new ApiErrorCode[]
    {
        new("not_authenticated", Unauthenticated, "No session and no valid API key (unknown or revoked): sign in with login, or send a key."),
        new("invalid_credentials", Unauthenticated, "login: wrong username/email or password."),
        new("two_factor_required", Forbidden, "login: this account signs in with a second factor; sign in on the website, or use an API key."),
        new("account_locked", Forbidden, "login: too many wrong passwords; the account is locked for a while."),
        new("sign_in_not_allowed", Forbidden, "login: this account may not sign in here."),
        new("merchant_suspended", [ErrorKind.Forbidden, ErrorKind.PaymentRequired], "The account is suspended (the message gives the reason): it cannot sign in or take payments; contact the portal's operator."),
        new("subscription_expired", [ErrorKind.PaymentRequired], "The portal subscription has ended: renew it (renew_subscription or the Billing page) to take payments again."),
        new("cross_site_request", Forbidden, "A browser sent this from another site with your cookie; call the API from your server with an API key."),
        new("rate_limited", [ErrorKind.RateLimited], "Too many requests: wait for Retry-After (seconds) and try again."),
        new("unknown_action", NotFound, "action names no action of the API document."),
        new("method_not_allowed", Invalid, "This action changes something: send it as a POST."),
        new("invalid_body", Invalid, "The body could not be read as form fields or a JSON object."),
        new("unsupported_media_type", Invalid, "Send multipart/form-data, application/x-www-form-urlencoded or application/json.", "415"),
        new("invalid_characters", Invalid, "A field holds control characters or broken Unicode; send plain text."),
        new("conflicting_field", Invalid, "A field was sent more than once with different values (in the query and the body, or repeated); send it once."),
        new(InvalidField, Invalid, "Any other field that is missing or wrong: errors names each field with the reason."),
        new("invalid_user", Invalid, "login: user (username or email) is missing."),
        new("invalid_username", Invalid, "register: 3–32 letters, digits, _ . or -."),
        new("invalid_email", Invalid, "register: missing or not an email address."),
        new("invalid_password", Invalid, "register/login: missing, too short or too long."),
        new("invalid_registration", Invalid, "register: the account could not be created as sent; the message says why."),
        new("username_taken", Conflict, "register: that username is registered already."),
        new("email_taken", Conflict, "register: that email address is registered already."),
        new("invalid_label", Invalid, "generate_api_key: the label is too long."),
        new("invalid_mode", Invalid, "generate_api_key: mode is neither live nor test."),
        new("live_mode_only", Forbidden, "A test key (or the Test data switch) asked for what changes live data or reaches M-Pesa: a live key, renew_subscription, register_c2b_urls, simulate_c2b."),
        new("api_key_not_found", NotFound, "No such API key on this account (revoked already?)."),
        new("invalid_business_name", Invalid, "save_profile: 2–80 characters, no invisible direction marks."),
        new("invalid_support_phone", Invalid, "save_profile: not a Kenyan mobile number."),
        new("invalid_support_email", Invalid, "save_profile: not an email address."),
        new("invalid_type", Invalid, "save_payment_account: type must be paybill or till."),
        new("invalid_number", Invalid, "save_payment_account: a paybill or till number has 5 to 7 digits."),
        new("invalid_account_reference", Invalid, "save_payment_account: at most 12 letters, digits, spaces or . _ # -."),
        new("invalid_payment_id", Invalid, "payment_id must look like #00001."),
        new("payment_account_not_found", NotFound, "No payment account with that payment_id on this account."),
        new("payment_account_exists", Conflict, "Another of your payment accounts already uses that type and number."),
        new("no_payment_account", Conflict, "Add a payment account (save_payment_account) before taking payments."),
        new("daraja_credentials_required", Conflict, "This account needs its own Daraja app (consumer key, secret, passkey) before it can take a push."),
        new("till_store_number_required", Conflict, "This till needs its store number (Daraja's BusinessShortCode) before it can take a push."),
        new("account_credentials_unreadable", Upstream, "The Daraja credentials saved for this account can no longer be read: enter them again."),
        new("invalid_title", Invalid, "create_link: title is missing or longer than 120 characters."),
        new("invalid_logo", Invalid, "create_link: logo must be an http(s) URL of at most 500 characters."),
        new("invalid_account_code", Invalid, "create_link: account_code must be 2 to 12 letters or digits (any case; kept in capitals)."),
        new("account_code_taken", Conflict, "create_link: another of your live links has this account_code; choose another, or leave it out for one made up."),
        new("invalid_collect_total", Invalid, "create_link: collect_total must be whole shillings from 1 to 100,000,000."),
        new("already_attributed", Conflict, "assign_payment: the payment already pays a link; an attribution is not changed."),
        new("invalid_amount", Invalid, "Whole shillings from 1 to 250,000 (no cents); for a link, the fixed amount or within min–max."),
        new("invalid_uid", Invalid, "pay_from_link: uid is missing (it is in the link's address)."),
        new("invalid_lid", Invalid, "pay_from_link/paylink: lid is missing (it is in the link's address)."),
        new("link_not_found", NotFound, "No such payment link for that uid."),
        new("link_inactive", Conflict, "The payment link is switched off."),
        new("merchant_not_ready", Conflict, "The link's merchant cannot take payments now (no account, suspended or expired)."),
        new("invalid_phone", Invalid, "Not a Kenyan mobile number: 07…, 01…, 2547…, +2547…"),
        new("invalid_reference", Invalid, "api_stk: reference is at most 12 letters, digits, spaces or . _ # -."),
        new("invalid_description", Invalid, "api_stk: description is at most 13 characters (M-Pesa's limit)."),
        new("invalid_callback_url", Invalid, "api_stk: callback_url must be an absolute http(s) URL on a public address."),
        new("invalid_idempotency_key", Invalid, "The Idempotency-Key is longer than 255 characters."),
        new("idempotency_key_reused", Conflict, "This Idempotency-Key was used with other parameters: use a new key for a new payment."),
        new("idempotency_in_progress", Conflict, "The first request with this Idempotency-Key is still running or did not finish: retry in a moment."),
        new("duplicate_pending", Conflict, "The same phone, amount and account already has a push waiting for the PIN: wait for its outcome."),
        new("subscriber_busy", Conflict, "The customer already has an M-Pesa prompt open: try again in a minute. data.transaction_id is the failed try."),
        new("mpesa_rejected", Upstream, "M-Pesa refused the push (the message says why); the transaction in data is failed."),
        new("mpesa_unavailable", Upstream, "M-Pesa gave no clear answer: the push may still go through. Poll transaction with data.transaction_id before retrying."),
        new("invalid_transaction_id", Invalid, "transaction: give transaction_id or checkout_request_id; assign_payment: give transaction_id."),
        new("invalid_link_id", Invalid, "assign_payment: give link_id."),
        new("transaction_not_found", NotFound, "No such transaction on this account."),
        new("invalid_status", Invalid, "transactions: status is not one of pending, succeeded, failed, cancelled, timeout, unknown, reversed."),
        new("invalid_channel", Invalid, "transactions: channel is not one of stk, c2b."),
        new("invalid_from", Invalid, $"transactions/request_logs: from is not a date (yyyy-mm-dd, {Features.Common.Nairobi.DaysAllowed}), or is after to."),
        new("invalid_to", Invalid, $"transactions/request_logs: to is not a date (yyyy-mm-dd, {Features.Common.Nairobi.DaysAllowed})."),
        new("invalid_limit", Invalid, "transactions/request_logs: limit is a whole number from 1 to 100."),
        new("invalid_cursor", Invalid, "transactions/request_logs: cursor is not one this API gave you."),
        new("invalid_http_status", Invalid, "request_logs: http_status is an HTTP status such as 200 or 400."),
        new("request_log_not_found", NotFound, "No such request in this account's log (kept 30 days)."),
        new("invalid_url", Invalid, "save_webhook: url must be an http(s) URL on a public address."),
        new("invalid_events", Invalid, "save_webhook: events is a comma-separated list of the event types."),
        new("invalid_enabled", Invalid, "save_webhook: enabled is true or false."),
        new("invalid_webhook_id", Invalid, "delete_webhook: webhook_id (wh_…, from the webhooks action) is missing."),
        new("webhook_not_found", NotFound, "No such webhook endpoint on this account."),
        new("too_many_webhooks", Conflict, "The account has as many webhook endpoints as it may: delete one first."),
        new("invalid_delivery_id", Invalid, "redeliver_webhook: delivery_id (from webhook_deliveries) is missing."),
        new("delivery_not_found", NotFound, "No such webhook delivery on this account."),
        new("invalid_plan_id", Invalid, "renew_subscription: plan_id must be a plan's id from the plans action."),
        new("plan_not_found", NotFound, "No such plan on offer: see the plans action."),
        new("invalid_bill_ref", Invalid, "simulate_c2b: bill_ref is longer than M-Pesa's account number allows."),
        new("invalid_response_type", Invalid, "register_c2b_urls: response_type is \"Completed\" or \"Cancelled\"."),
        new("not_simulated", Conflict, "simulate_c2b: payments from the M-Pesa menu can be simulated only while the portal's M-Pesa is the simulator."),
        new("billing_unavailable", Upstream, "The portal's own billing cannot take a payment right now: try again later."),
        new("role_forbidden", Forbidden, "Your role in the business may not do this (or an API key asked for what only a signed-in owner or admin may): ask an owner or admin."),
        new("two_factor_setup_required", Forbidden, "The business requires two-factor sign-in and you have none yet: set it up on the website first."),
        new("two_factor_not_enabled", Conflict, "The Team page: an owner turns on two-factor sign-in for themselves before requiring it of every member."),
        new("invalid_role", Invalid, "invite_member/change_role: role is one of owner, admin, finance, cashier, developer, viewer."),
        new("already_member", Conflict, "invite_member/accept_invite: that person is a member of this business already."),
        new("too_many_invites", Conflict, "invite_member: the business has 50 invitations waiting; withdraw some first."),
        new("invite_not_found", NotFound, "accept_invite: the token is not an invitation's."),
        new("invite_used", Conflict, "accept_invite: the invitation was accepted or withdrawn already; ask for a new one."),
        new("invite_expired", Conflict, "accept_invite: the invitation is more than 7 days old; ask for a new one."),
        new("invite_wrong_email", Forbidden, "accept_invite: the invitation was sent to another address than the signed-in person's."),
        new("member_not_found", NotFound, "change_role/remove_member: no member of this business has that member_id."),
        new("member_changed", Conflict, "change_role: the member's role changed meanwhile; read members again."),
        new("last_owner", Conflict, "change_role/remove_member: a business keeps at least one owner."),
        new("invalid_member_id", Invalid, "change_role/remove_member: member_id is missing."),
        new("invalid_token", Invalid, "accept_invite: token is missing."),
        new("invalid_merchant_id", Invalid, "switch_business: merchant_id is missing."),
        new("business_not_found", NotFound, "switch_business: you are not a member of a business with that merchant_id."),
        new(FrameworkStatus, [], "The web server refused the request before any action ran (an unknown path under /index.php).", "as in the code"),
        new("internal_error", Invalid, "Something failed on our side: quote correlation_id if you contact support.", "500"),
    }.OrderBy(c => c.Code, StringComparer.Ordinal)];
}
