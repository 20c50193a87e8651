namespace MerchantPortal.Web.Api;

/// <summary>What a field holds, as the OpenAPI document types it (every field may also come as text in a form).</summary>
public enum FieldKind
{
    Text,
    Integer,
    Boolean,
    Phone,
    Email,
    Url,
}

/// <summary>One field an action reads, with the limits its service enforces (the service stays the authority).</summary>
public sealed record ActionField(string Name, FieldKind Kind, string Description, string? Example = null, bool Required = false)
{
    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public long? Minimum { get; init; }

    public long? Maximum { get; init; }

    public string? Pattern { get; init; }

    /// <summary>The only values accepted, when the field is a choice.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}

/// <summary>What an action is for, its fields, and what <c>data</c> holds in its answer.</summary>
/// <param name="Tag">The group it is listed under in the reference.</param>
/// <param name="Answer">What the ok answer carries, in words.</param>
/// <param name="Idempotent">Takes an <c>Idempotency-Key</c> header (or <c>idempotency_key</c> field).</param>
public sealed record ActionContract(string Summary, string Tag, string Answer, IReadOnlyList<ActionField> Fields, bool Idempotent = false);

/// <summary>
/// The description of every action in <see cref="Actions.Table"/>, which the per-action endpoints carry as metadata
/// and the OpenAPI document is generated from (<see cref="ActionOpenApi"/>). A test fails when an action has no
/// contract here, or when its handler reads a field this does not name.
/// </summary>
public static class ActionContracts
{
    private const string Account = "Account";
    private const string Payments = "Payments";
    private const string Links = "Payment links";
    private const string Menu = "Payments from the M-Pesa menu";
    private const string Hooks = "Webhooks";
    private const string Billing = "Subscription";
    private const string Developers = "Developers";
    private const string Team = "Team";

    private static ActionField Role(string description) =>
        new("role", FieldKind.Text, description, "cashier", true) { Values = Features.Members.MemberRoles.All };

    private static ActionField MemberId() =>
        new("member_id", FieldKind.Text, "The member's id, from members (u_… or m_…).", "u_AbC123dEf456", true);

    private static ActionField Phone(string description, bool required = true) =>
        new("phone", FieldKind.Phone, description + " 07…, 01…, 2547…, +2547…, with spaces or dashes.", "0712345678", required);

    private static ActionField Amount(string description, bool required = true) =>
        new("amount", FieldKind.Integer, description, "100", required) { Minimum = 1, Maximum = 250_000 };

    private static ActionField PaymentId(string description) =>
        new("payment_id", FieldKind.Text, description, "#00001") { Pattern = "^#\\d{5}$" };

    private static ActionField Limit(string description) =>
        new("limit", FieldKind.Integer, description, "20") { Minimum = 1, Maximum = 100 };

    public static readonly IReadOnlyDictionary<string, ActionContract> All = new Dictionary<string, ActionContract>(StringComparer.Ordinal)
    {
        ["register"] = new("Create a merchant account; it is signed in at once (the session cookie is set).", Account,
            "data.user {id, username}.",
            [
                new("username", FieldKind.Text, "Letters, digits, _ . or -.", "mama_mboga", true) { MinLength = 3, MaxLength = 32, Pattern = "^[A-Za-z0-9_.-]+$" },
                new("email", FieldKind.Email, "The merchant's email address.", "owner@example.com", true) { MaxLength = 256 },
                new("password", FieldKind.Text, "At least 6 characters.", "correct horse", true) { MinLength = 6, MaxLength = 128 },
                Phone("The merchant's phone.", required: false),
                new("business_name", FieldKind.Text, "The name customers see (the username until set).", "Mama Mboga Groceries") { MinLength = 2, MaxLength = 80 },
            ]),
        ["login"] = new("Sign in and receive the session cookie.", Account, "data.user {id, username}.",
            [
                new("user", FieldKind.Text, "Username or email.", "mama_mboga", true),
                new("password", FieldKind.Text, "The password.", "correct horse", true),
            ]),
        ["logout"] = new("End the session, and every other session of the merchant.", Account, "data is null.", []),
        ["me"] = new("The merchant's profile: subscription, API key prefixes, payment accounts and links.", Account,
            "A top-level user {id, username, business_name, email, phone, created_at, subscription, api_keys, payment_accounts, links}.", []),
        ["save_profile"] = new("Set the business name and support contacts; a field left out keeps its value, one sent blank clears it.", Account,
            "data.profile {business_name, business_name_set, support_phone, support_email, logo_url}.",
            [
                new("business_name", FieldKind.Text, "The name customers see.", "Mama Mboga Groceries") { MinLength = 2, MaxLength = 80 },
                new("support_phone", FieldKind.Phone, "A Kenyan mobile number customers may call.", "0712345678"),
                new("support_email", FieldKind.Email, "An address customers may write to.", "help@example.com") { MaxLength = 256 },
            ]),
        ["save_payment_account"] = new("Add a paybill or till, or update one (by payment_id, else by type and number).", Payments,
            "data.payment_account, data.payment_id (#00001…), data.created.",
            [
                new("type", FieldKind.Text, "paybill or till.", "paybill", true) { Values = ["paybill", "till"] },
                new("number", FieldKind.Text, "The paybill or till number.", "123456", true) { Pattern = "^\\d{5,7}$" },
                new("accountReference", FieldKind.Text, "The account reference a paybill push carries (also account_reference).", "SHOP") { MaxLength = 12 },
                new("account_reference", FieldKind.Text, "The same as accountReference.", "SHOP") { MaxLength = 12 },
                PaymentId("The account to update; left out, the same type and number is updated, else one is added."),
            ]),
        ["generate_api_key"] = new("Generate an API key (sk_live_… or sk_test_…): it is shown only in this answer.", Account,
            "A top-level key, and data {key, prefix, label, created_at, mode}.",
            [
                new("label", FieldKind.Text, "A name to know the key by.", "Production") { MaxLength = 100 },
                new("mode", FieldKind.Text,
                    "live (the default) or test: a test key sees only test data and pays through the built-in simulator, never Daraja.",
                    "test") { MaxLength = 4 },
            ]),
        ["create_link"] = new("Create a payment link customers pay from a URL or its QR code.", Links,
            "A top-level public_url; data.link_id, data.public_url, data.link.",
            [
                new("title", FieldKind.Text, "What is paid for.", "Product Payment", true) { MaxLength = 120 },
                new("amount", FieldKind.Integer, "A fixed amount in shillings; leave it out to let the customer enter one (min–max).", "1000") { Minimum = 1, Maximum = 250_000 },
                new("min", FieldKind.Integer, "The least a customer may enter.", "100") { Minimum = 1, Maximum = 250_000 },
                new("max", FieldKind.Integer, "The most a customer may enter.", "5000") { Minimum = 1, Maximum = 250_000 },
                new("logo", FieldKind.Url, "An http(s) image URL shown on the pay page.", "https://example.com/logo.png") { MaxLength = 500 },
                PaymentId("The account the link pays into (default: the primary account)."),
                new("account_code", FieldKind.Text, "What a customer types as the account number when paying the paybill from the M-Pesa menu (default: made up from the title).", "TEA50") { Pattern = "^[A-Za-z0-9]{2,12}$" },
                new("collect_total", FieldKind.Integer, "Collect this total in parts: link.paid is sent once it is reached.", "15000") { Minimum = 1, Maximum = 100_000_000 },
            ]),
        ["paylink"] = new("A link as its pay page shows it (send Accept: application/json; a browser gets the page).", Links,
            "data.link {…, active, merchant_can_take_payments}.",
            [
                new("uid", FieldKind.Text, "The merchant's id (u_…), from the link's address.", "u_AbC123dEf456", true),
                new("lid", FieldKind.Text, "The link's id (link_…).", "link_AbC123dEf456gHi7", true),
            ]),
        ["pay_from_link"] = new("What a link's pay page does: push an M-Pesa prompt to the customer's phone (no sign-in).", Payments,
            "data {transaction_id, checkout_request_id, status: pending}.",
            [
                new("uid", FieldKind.Text, "The merchant's id (u_…).", "u_AbC123dEf456", true),
                new("lid", FieldKind.Text, "The link's id (link_…).", "link_AbC123dEf456gHi7", true),
                Phone("The customer's phone."),
                Amount("The link's fixed amount, or one within its min–max."),
            ], Idempotent: true),
        ["api_stk"] = new("Push an M-Pesa prompt (STK push) to a customer's phone; poll transaction or receive a webhook for the outcome.", Payments,
            "data {transaction_id, checkout_request_id, status: pending}, once Daraja accepted the push.",
            [
                Phone("The customer's phone."),
                Amount("Whole shillings."),
                PaymentId("The account paid into (default: the primary account)."),
                new("reference", FieldKind.Text, "The account reference M-Pesa shows the customer (also accountReference).", "INV-1042") { MaxLength = 12 },
                new("accountReference", FieldKind.Text, "The same as reference.", "INV-1042") { MaxLength = 12 },
                new("description", FieldKind.Text, "The transaction description (M-Pesa's limit).", "Order 1042") { MaxLength = 13 },
                new("callback_url", FieldKind.Url, "This payment's final event is also POSTed here, signed as webhooks are.", "https://example.com/mpesa/outcome") { MaxLength = 500 },
            ], Idempotent: true),
        ["transaction"] = new("One transaction: poll it every few seconds until it is no longer pending.", Payments, "data.transaction.",
            [
                new("transaction_id", FieldKind.Text, "The id api_stk answered (txn_…); id is the same.", "txn_1Wiqdn6DUjjfWoEQ"),
                new("id", FieldKind.Text, "The same as transaction_id.", "txn_1Wiqdn6DUjjfWoEQ"),
                new("checkout_request_id", FieldKind.Text, "Daraja's CheckoutRequestID, instead of transaction_id.", "ws_CO_28112026055142517712345678"),
            ]),
        ["transactions"] = new("The merchant's transactions, newest first, a page at a time.", Payments,
            "data.transactions, data.next_cursor (null on the last page).",
            [
                new("status", FieldKind.Text, "Only this status.", "succeeded") { Values = ["pending", "succeeded", "failed", "cancelled", "timeout", "unknown", "reversed"] },
                new("from", FieldKind.Text, "From this day (Nairobi), yyyy-mm-dd.", "2026-12-01") { Pattern = "^\\d{4}-\\d{2}-\\d{2}$" },
                new("to", FieldKind.Text, "Up to this day (Nairobi), yyyy-mm-dd.", "2026-12-31") { Pattern = "^\\d{4}-\\d{2}-\\d{2}$" },
                PaymentId("Only this account."),
                new("link_id", FieldKind.Text, "Only this link.", "link_AbC123dEf456gHi7"),
                new("phone", FieldKind.Text, "Only this phone.", "0712345678"),
                new("search", FieldKind.Text, "Any part of the reference or description.", "INV") { MaxLength = 100 },
                new("channel", FieldKind.Text, "stk (pushes) or c2b (from the M-Pesa menu).", "c2b") { Values = ["stk", "c2b"] },
                new("unmatched", FieldKind.Boolean, "Only menu payments attributed to no link (1 or true).", "1"),
                new("cursor", FieldKind.Text, "next_cursor of the page before.", null),
                Limit("Rows per page (default 20)."),
            ]),
        ["request_logs"] = new("The merchant's API requests of the last 30 days, newest first: action, key label (never the key), HTTP status, error code, duration, idempotency key, client IP, correlation id and the fields sent, secrets removed and phones masked.", Developers,
            "data.requests, data.next_cursor (null on the last page).",
            [
                new("log_action", FieldKind.Text, "Only requests to this action.", "api_stk") { MaxLength = 40 },
                new("http_status", FieldKind.Integer, "Only answers with this HTTP status.", "400") { Minimum = 100, Maximum = 599 },
                new("key", FieldKind.Text, "Only requests made with this API key (its label or its prefix).", "Production") { MaxLength = 100 },
                new("from", FieldKind.Text, "From this day (Nairobi), yyyy-mm-dd.", "2026-12-01") { Pattern = "^\\d{4}-\\d{2}-\\d{2}$" },
                new("to", FieldKind.Text, "Up to this day (Nairobi), yyyy-mm-dd.", "2026-12-31") { Pattern = "^\\d{4}-\\d{2}-\\d{2}$" },
                new("cursor", FieldKind.Text, "next_cursor of the page before.", null),
                Limit("Rows per page (default 50)."),
            ]),
        ["simulate_c2b"] = new("Simulator only: a customer pays the account from the M-Pesa menu; the transaction appears when the confirmation arrives.", Menu,
            "data.receipt, once the simulated M-Pesa accepted the payment.",
            [
                Phone("The paying customer's phone."),
                Amount("Whole shillings."),
                PaymentId("The account paid (default: the primary account)."),
                new("bill_ref", FieldKind.Text, "The account number the customer types (a paybill's; a link's account code attributes the payment to it).", "TEA50") { MaxLength = 20 },
            ]),
        ["register_c2b_urls"] = new("Register the account's URLs for payments from the M-Pesa menu with Daraja again.", Menu,
            "data.registration {payment_id, ok, answer, registered_at, validation, response_type}.",
            [PaymentId("The account.") with { Required = true }]),
        ["assign_payment"] = new("Attribute an unmatched payment from the M-Pesa menu to one of the merchant's links (audited; never changed after).", Menu,
            "data {transaction_id, link_id}.",
            [
                new("transaction_id", FieldKind.Text, "The unmatched payment (txn_…).", "txn_1Wiqdn6DUjjfWoEQ", true),
                new("link_id", FieldKind.Text, "The link it pays (link_…).", "link_AbC123dEf456gHi7", true),
            ]),
        ["webhooks"] = new("The merchant's webhook endpoints.", Hooks, "data.webhooks.", []),
        ["save_webhook"] = new("Add a webhook endpoint, or change one by webhook_id; the signing secret (whsec_…) is in the answer only when made.", Hooks,
            "data.webhook, and data.secret when a secret was made.",
            [
                new("webhook_id", FieldKind.Text, "The endpoint to change (wh_…); left out, one is added.", "wh_AbC123dEf456"),
                new("url", FieldKind.Url, "An http(s) URL on a public address.", "https://example.com/hooks/mpesa") { MaxLength = 500 },
                new("events", FieldKind.Text, "Comma-separated event types (all when left out): transaction.succeeded, transaction.failed, transaction.cancelled, transaction.timeout, transaction.unknown, transaction.updated, link.paid.", "transaction.succeeded,link.paid"),
                new("enabled", FieldKind.Boolean, "Whether events are sent (true or false).", "true"),
                new("roll_secret", FieldKind.Boolean, "1 to issue a new signing secret.", "1"),
            ]),
        ["delete_webhook"] = new("Remove a webhook endpoint.", Hooks, "data is null.",
            [new("webhook_id", FieldKind.Text, "The endpoint (wh_…).", "wh_AbC123dEf456", true)]),
        ["webhook_deliveries"] = new("Each delivery of each event: status, attempts, last HTTP status and response excerpt.", Hooks, "data.deliveries.",
            [new("webhook_id", FieldKind.Text, "Only this endpoint's deliveries.", "wh_AbC123dEf456")]),
        ["redeliver_webhook"] = new("Send an event again.", Hooks, "data.delivery.",
            [new("delivery_id", FieldKind.Text, "From webhook_deliveries.", "dlv_AbC123dEf456gHi7", true)]),
        ["plans"] = new("The portal subscription plans on offer.", Billing, "data.plans [{id, name, price, period_days}].", []),
        ["subscription"] = new("The merchant's portal subscription and its payments.", Billing,
            "data.subscription {status, expires_at, plan, days_left, grace_ends_at, can_take_payments, suspended_reason}, data.history.", []),
        ["renew_subscription"] = new("Pay the portal subscription by M-Pesa: a prompt is pushed to the phone.", Billing,
            "data {transaction_id, checkout_request_id, status: pending}; the period is extended when the payment succeeds.",
            [
                Phone("The phone that pays."),
                new("plan_id", FieldKind.Text, "A plan from plans (default: the current plan).", "plan_fL6lqMGTw9"),
            ], Idempotent: true),
        ["members"] = new("The business's members and its invitations waiting (owners and admins).", Team,
            "data.members [{id, username, email, role, joined_at}], data.invites [{id, email, role, created_at, expires_at, expired}].", []),
        ["invite_member"] = new("Invite someone by email with a role; the link (valid 7 days, used once) is emailed and also in the answer.", Team,
            "data.invite_url, data.invite.",
            [
                new("email", FieldKind.Email, "Whom to invite.", "cashier@example.com", true) { MaxLength = 254 },
                Role("Their role: owner (owners only), admin, finance, cashier, developer, viewer."),
            ]),
        ["change_role"] = new("Give a member another role (only an owner makes, changes or removes an owner; one owner always stays).", Team,
            "data.member.", [MemberId(), Role("The new role.")]),
        ["remove_member"] = new("Remove a member from the business: their access ends on their next request.", Team, "data is null.", [MemberId()]),
        ["accept_invite"] = new("Accept an invitation as the signed-in person (its address must be theirs); the business becomes their current one.", Team,
            "data.business {merchant_id, name, role}.",
            [new("token", FieldKind.Text, "The token at the end of the invitation link (inv_…).", "inv_AbC123", true) { MaxLength = 100 }]),
        ["switch_business"] = new("Act for another business the signed-in person belongs to.", Team, "data.business {merchant_id, name, role}.",
            [new("merchant_id", FieldKind.Text, "The business's id (u_…), as members or me shows it.", "u_AbC123dEf456", true)]),
    };
}
