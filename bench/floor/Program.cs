// The floor bench/compare.sh measures the portal against: the least work each job needs, written directly on Npgsql
// against the portal's own tables and the same Daraja simulator. It keeps what the portal must guarantee when that
// costs no extra round trip (a revoked key or a suspended or lapsed merchant refused, the duplicate guard, a callback
// applied once), and nothing else: no timeline, outbox, idempotency store, rate limit, logging or reconciler.
//
//   FLOOR_DB=<Npgsql connection string> FLOOR_DARAJA=http://127.0.0.1:5090 dotnet Floor.dll --urls http://127.0.0.1:5091
//   FLOOR_STATIC=<folder served at /static/ (the pay page's twin)>   FLOOR_PASSKEY / FLOOR_CONSUMER_KEY / _SECRET (the
//   simulator's by default)
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Floor;
using Microsoft.Extensions.FileProviders;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var database = NpgsqlDataSource.Create(Setting("FLOOR_DB"));
var daraja = new Daraja(new Uri(Setting("FLOOR_DARAJA").TrimEnd('/') + "/"),
    Setting("FLOOR_CONSUMER_KEY", "simulator-consumer-key"), Setting("FLOOR_CONSUMER_SECRET", "simulator-consumer-secret"),
    Setting("FLOOR_PASSKEY", "simulator-passkey"));
var app = builder.Build();

if (Environment.GetEnvironmentVariable("FLOOR_STATIC") is { Length: > 0 } folder)
{
    app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), RequestPath = "/static" });
}

app.MapPost("/index.php", async (HttpContext http) =>
{
    var form = await http.Request.ReadFormAsync();
    return form["action"] == "api_stk"
        ? await StkAsync(form["api_key"].ToString(), form["phone"].ToString(), form["amount"].ToString(), form["payment_id"].ToString(), http)
        : Fail(400, "unknown_action", "Unknown action.");
});

app.MapGet("/index.php", async (HttpContext http) =>
{
    if (http.Request.Query["action"] != "me")
    {
        return Fail(400, "unknown_action", "Unknown action.");
    }

    await using var command = database.CreateCommand("""
        SELECT m."PublicId", m."UserName" FROM "ApiKeys" k JOIN "AspNetUsers" m ON m."Id" = k."MerchantId"
        WHERE k."KeyHash" = $1 AND k."RevokedAt" IS NULL AND m."SuspendedAt" IS NULL
        """);
    command.Parameters.Add(new() { Value = KeyHash(http.Request.Query["api_key"].ToString()) });
    await using var reader = await command.ExecuteReaderAsync();
    return await reader.ReadAsync()
        ? Ok("OK", new { user = new { id = reader.GetString(0), username = reader.GetString(1) } })
        : Fail(401, "not_authenticated", "The API key is not valid (unknown or revoked).");
});

// Daraja's callback: one conditional update; a second callback for the same payment changes nothing.
app.MapPost("/hooks/stk/{token}", async (string token, HttpContext http) =>
{
    using var document = await JsonDocument.ParseAsync(http.Request.Body);
    var callback = document.RootElement.GetProperty("Body").GetProperty("stkCallback");
    var code = callback.GetProperty("ResultCode").ToString();
    string? receipt = null;
    if (callback.TryGetProperty("CallbackMetadata", out var metadata))
    {
        foreach (var item in metadata.GetProperty("Item").EnumerateArray())
        {
            if (item.GetProperty("Name").GetString() == "MpesaReceiptNumber")
            {
                receipt = item.GetProperty("Value").GetString();
            }
        }
    }

    await using var command = database.CreateCommand("""
        UPDATE "Transactions" SET "Status" = $3, "ResultCode" = $4, "ResultDesc" = $5, "Receipt" = $6, "CompletedAt" = now()
        WHERE "CallbackToken" = $1 AND ("CheckoutRequestId" = $2 OR "CheckoutRequestId" IS NULL) AND "Status" = 'pending'
        """);
    command.Parameters.Add(new() { Value = token });
    command.Parameters.Add(new() { Value = callback.GetProperty("CheckoutRequestID").GetString() ?? "" });
    command.Parameters.Add(new() { Value = code switch { "0" => "succeeded", "1032" => "cancelled", "1037" => "timeout", _ => "failed" } });
    command.Parameters.Add(new() { Value = code });
    command.Parameters.Add(new() { Value = callback.GetProperty("ResultDesc").GetString() ?? "" });
    command.Parameters.Add(new() { Value = (object?)receipt ?? DBNull.Value });
    await command.ExecuteNonQueryAsync();
    return Results.Json(new { ResultCode = 0, ResultDesc = "Accepted" });
});

app.Run();

async Task<IResult> StkAsync(string key, string phoneInput, string amountInput, string paymentId, HttpContext http)
{
    if (!Phone.TryNormalize(phoneInput, out var phone) || !long.TryParse(amountInput, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
    {
        return Fail(400, "validation_failed", "A phone (07XXXXXXXX) and an amount above 0 are required.");
    }

    // Key, merchant (suspended or lapsed past its grace days: no payments) and account in one round trip.
    await using var connection = await database.OpenConnectionAsync();
    await using var lookup = new NpgsqlCommand("""
        SELECT k."MerchantId", m."SuspendedAt" IS NULL AND m."SubscriptionExpiresAt" > now() - interval '3 days',
               a."Id", a."Sequence", a."Type", a."Number", a."AccountReference", a."StoreNumber"
        FROM "ApiKeys" k JOIN "AspNetUsers" m ON m."Id" = k."MerchantId"
        LEFT JOIN "PaymentAccounts" a ON a."MerchantId" = k."MerchantId" AND a."DeletedAt" IS NULL
            AND (CASE WHEN $2 = '' THEN a."IsPrimary" ELSE a."Sequence" = $3 END)
        WHERE k."KeyHash" = $1 AND k."RevokedAt" IS NULL
        """, connection);
    lookup.Parameters.Add(new() { Value = KeyHash(key) });
    lookup.Parameters.Add(new() { Value = paymentId });
    lookup.Parameters.Add(new() { Value = int.TryParse(paymentId.TrimStart('#'), CultureInfo.InvariantCulture, out var sequence) ? sequence : 0 });
    string merchantId, type, number, reference, shortCode;
    long accountId;
    int accountSequence;
    await using (var reader = await lookup.ExecuteReaderAsync())
    {
        if (!await reader.ReadAsync())
        {
            return Fail(401, "not_authenticated", "The API key is not valid (unknown or revoked).");
        }

        if (!reader.GetBoolean(1))
        {
            return Fail(402, "subscription_expired", "This merchant cannot take payments.");
        }

        if (reader.IsDBNull(2))
        {
            return Fail(404, "payment_account_not_found", "No such payment account.");
        }

        merchantId = reader.GetString(0);
        accountId = reader.GetInt64(2);
        accountSequence = reader.GetInt32(3);
        type = reader.GetString(4);
        number = reader.GetString(5);
        reference = reader.IsDBNull(6) ? "Payment" : reader.GetString(6);
        shortCode = type == "till" && !reader.IsDBNull(7) ? reader.GetString(7) : number;
    }

    // The row and the duplicate guard (no second pending push of this amount from this phone) in one statement.
    var publicId = "txn_" + RandomNumberGenerator.GetString(Ids.Base62, 16);
    var callbackToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
    await using var insert = new NpgsqlCommand("""
        INSERT INTO "Transactions" ("MerchantId", "PublicId", "PaymentAccountId", "PaymentId", "Amount", "Phone", "Status",
            "CallbackToken", "StatusToken", "BusinessShortCode", "AccountReference", "CreatedAt", "QueryCount")
        SELECT $1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $10, now(), 0
        WHERE NOT EXISTS (SELECT 1 FROM "Transactions" WHERE "MerchantId" = $1 AND "Phone" = $6 AND "PaymentAccountId" = $3
            AND "Amount" = $5 AND "Status" = 'pending' AND "CreatedAt" >= now() - interval '10 minutes')
        RETURNING "Id"
        """, connection);
    foreach (var value in new object[] { merchantId, publicId, accountId, $"#{accountSequence:D5}", amount, phone, callbackToken,
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), shortCode, reference })
    {
        insert.Parameters.Add(new() { Value = value });
    }

    if (await insert.ExecuteScalarAsync() is not long id)
    {
        return Fail(409, "duplicate_pending", "A payment of this amount from this phone is already waiting for the customer's PIN.");
    }

    await connection.CloseAsync();
    var callbackUrl = $"{http.Request.Scheme}://{http.Request.Host}/hooks/stk/{callbackToken}";
    var push = await daraja.PushAsync(type == "till", shortCode, number, amount, phone, callbackUrl, reference);
    await using var store = database.CreateCommand("""
        UPDATE "Transactions" SET "CheckoutRequestId" = $2, "MerchantRequestId" = $3,
            "Status" = CASE WHEN $2 IS NULL THEN 'failed' ELSE "Status" END
        WHERE "Id" = $1
        """);
    store.Parameters.Add(new() { Value = id });
    store.Parameters.Add(new() { Value = (object?)push?.CheckoutRequestId ?? DBNull.Value });
    store.Parameters.Add(new() { Value = (object?)push?.MerchantRequestId ?? DBNull.Value });
    await store.ExecuteNonQueryAsync();
    return push is null
        ? Fail(502, "mpesa_unavailable", "M-Pesa did not accept the push.")
        : Ok(push.CustomerMessage, new { transaction_id = publicId, checkout_request_id = push.CheckoutRequestId, status = "pending" });
}

static string KeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

static IResult Ok(string message, object data) => Results.Json(new { status = "ok", message, data });

static IResult Fail(int status, string code, string message) =>
    Results.Json(new { status = "error", message, data = (object?)null, code }, statusCode: status);

static string Setting(string name, string? fallback = null) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
    : fallback ?? throw new InvalidOperationException($"{name} is not set.");
