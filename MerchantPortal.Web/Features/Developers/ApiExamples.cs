using System.Text;

namespace MerchantPortal.Web.Features.Developers;

/// <summary>What the examples are filled in with: only public ids, never a secret.</summary>
/// <param name="BaseUrl">The portal's base URL, without <c>/index.php</c>.</param>
/// <param name="PaymentIds">The merchant's payment ids, primary first; empty when there are none yet.</param>
/// <param name="LinkId">One of the merchant's payment links, or null.</param>
public sealed record ApiExampleInput(string BaseUrl, string MerchantPublicId, string Username, IReadOnlyList<string> PaymentIds, string? LinkId);

/// <summary>How an action authenticates in the examples.</summary>
public enum ApiExampleAuth
{
    None,

    /// <summary>No sign-in needed; the session cookie it sets is kept for the next calls.</summary>
    SignsIn,
    Session,
    ApiKey,
}

public sealed record ApiExample(string Action, string Summary, ApiExampleAuth Auth, string Curl, string JavaScript, string Php);

/// <summary>
/// Ready-to-copy examples of every action in the API document, in the document's own style (multipart
/// form posts to <c>/index.php</c>). Pure: the page passes in what it knows, so this is unit-tested alone.
/// </summary>
public static class ApiExamples
{
    /// <summary>The key is shown once at generation and never stored, so examples carry this placeholder.</summary>
    public const string KeyPlaceholder = "sk_your_api_key_here";

    public const string PaymentIdPlaceholder = "#00001";

    public const string CookieFile = "cookies.txt";

    public const string LinkIdPlaceholder = "link_your_link_id";

    public static IReadOnlyList<ApiExample> Build(ApiExampleInput input)
    {
        var paymentId = input.PaymentIds.Count > 0 ? input.PaymentIds[0] : PaymentIdPlaceholder;
        var linkId = input.LinkId ?? LinkIdPlaceholder;
        var endpoint = input.BaseUrl.TrimEnd('/') + "/index.php";
        (string, string)[] none = [];

        ApiExample Make(string action, string summary, ApiExampleAuth auth, params (string Name, string Value)[] fields)
        {
            (string, string)[] all = [("action", action), .. auth == ApiExampleAuth.ApiKey ? [("api_key", KeyPlaceholder)] : none, .. fields];
            return new ApiExample(action, summary, auth, Curl(endpoint, auth, all), JavaScript(endpoint, all), Php(endpoint, auth, all));
        }

        return
        [
            Make("login", "Sign in and keep the session cookie.", ApiExampleAuth.SignsIn,
                ("user", input.Username), ("password", "your_password")),
            Make("register", "Create a merchant account (signs it in at once).", ApiExampleAuth.SignsIn,
                ("username", "new_merchant"), ("email", "merchant@example.com"), ("password", "your_password"), ("phone", "0712345678")),
            Make("me", "Your profile: subscription, key prefixes, payment accounts and links.", ApiExampleAuth.Session),
            Make("save_payment_account", "Add a paybill or till, or update one by its payment_id.", ApiExampleAuth.Session,
                ("type", "paybill"), ("number", "123456"), ("accountReference", "MyBusiness")),
            Make("create_link", "Create a payment link that pays into one of your accounts.", ApiExampleAuth.Session,
                ("title", "Product Payment"), ("amount", "1000"), ("payment_id", paymentId)),
            Make("pay_from_link", "What a link's pay page does: push an STK prompt to the customer (no sign-in).", ApiExampleAuth.None,
                ("uid", input.MerchantPublicId), ("lid", linkId), ("phone", "0712345678"), ("amount", "1000")),
            Make("generate_api_key", "Generate an API key: it is shown only this once.", ApiExampleAuth.Session,
                ("label", "Production")),
            Make("api_stk", "Push an STK prompt to a customer's phone with your API key.", ApiExampleAuth.ApiKey,
                ("phone", "0712345678"), ("amount", "100"), ("payment_id", paymentId)),
            Make("transaction", "One transaction's state: poll this every few seconds until it is no longer pending.", ApiExampleAuth.ApiKey,
                ("transaction_id", "txn_from_api_stk")),
            Make("transactions", "Your latest transactions, newest first (pass next_cursor as cursor for more).", ApiExampleAuth.ApiKey,
                ("status", "succeeded"), ("limit", "20")),
            Make("logout", "End the session.", ApiExampleAuth.Session),
        ];
    }

    private static string Curl(string endpoint, ApiExampleAuth auth, (string Name, string Value)[] fields)
    {
        var text = new StringBuilder($"curl -sS {Shell(endpoint)}");
        if (auth is ApiExampleAuth.Session or ApiExampleAuth.SignsIn)
        {
            text.Append($" \\\n  -b {CookieFile} -c {CookieFile}");
        }

        // --form-string: a value starting with @ or < is sent as text, never read from a file.
        foreach (var (name, value) in fields)
        {
            text.Append($" \\\n  --form-string {Shell(name + "=" + value)}");
        }

        return text.ToString();
    }

    private static string JavaScript(string endpoint, (string Name, string Value)[] fields)
    {
        var text = new StringBuilder("const formData = new FormData();\n");
        foreach (var (name, value) in fields)
        {
            text.Append($"formData.append({Quoted(name)}, {Quoted(value)});\n");
        }

        text.Append($"const response = await fetch({Quoted(endpoint)}, {{\n  method: 'POST',\n  body: formData\n}});\n");
        text.Append("const result = await response.json();\n");
        text.Append("if (result.status !== 'ok') {\n  throw new Error(result.message);\n}");
        return text.ToString();
    }

    private static string Php(string endpoint, ApiExampleAuth auth, (string Name, string Value)[] fields)
    {
        var text = new StringBuilder("<?php\n");
        text.Append($"$ch = curl_init({Quoted(endpoint)});\n");
        text.Append("curl_setopt($ch, CURLOPT_POST, true);\n");
        text.Append("curl_setopt($ch, CURLOPT_POSTFIELDS, [\n");
        foreach (var (name, value) in fields)
        {
            text.Append($"    {Quoted(name)} => {Quoted(value)},\n");
        }

        text.Append("]);\n");
        text.Append("curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);\n");
        if (auth is ApiExampleAuth.Session or ApiExampleAuth.SignsIn)
        {
            text.Append($"curl_setopt($ch, CURLOPT_COOKIEJAR, '/tmp/{CookieFile}');\n");
            text.Append($"curl_setopt($ch, CURLOPT_COOKIEFILE, '/tmp/{CookieFile}');\n");
        }

        text.Append("$result = json_decode(curl_exec($ch), true);\n");
        text.Append("curl_close($ch);\n");
        text.Append("echo $result['status'] === 'ok' ? 'OK' : 'Error: ' . $result['message'];\n");
        return text.ToString();
    }

    /// <summary>A curl example with one more request header, put after the address line.</summary>
    public static string CurlWithHeader(string curl, string name, string value)
    {
        var firstBreak = curl.IndexOf(" \\\n", StringComparison.Ordinal);
        var header = $" \\\n  -H {Shell(name + ": " + value)}";
        return firstBreak < 0 ? curl + header : curl.Insert(firstBreak, header);
    }

    /// <summary>A POSIX shell word in single quotes.</summary>
    internal static string Shell(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A single-quoted string literal, the same in JavaScript and PHP.</summary>
    internal static string Quoted(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
