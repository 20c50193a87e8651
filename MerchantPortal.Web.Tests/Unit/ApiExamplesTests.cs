using MerchantPortal.Web.Features.Developers;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class ApiExamplesTests
{
    private static readonly ApiExampleInput Input =
        new("https://pay.example.co.ke/", "u_abc123", "duka", ["#00002", "#00001"], "link_def456");

    [Fact]
    public void CoversEveryActionOfTheDocumentInThreeLanguages()
    {
        var actions = ApiExamples.Build(Input).Select(e => e.Action);

        Assert.Equal(
            ["login", "register", "me", "save_payment_account", "create_link", "pay_from_link", "generate_api_key", "api_stk",
                "transaction", "transactions", "logout"],
            actions);
    }

    [Fact]
    public void EveryExampleTalksToThisPortalsIndexPhp()
    {
        foreach (var example in ApiExamples.Build(Input))
        {
            Assert.Contains("'https://pay.example.co.ke/index.php'", example.Curl);
            Assert.Contains("fetch('https://pay.example.co.ke/index.php'", example.JavaScript);
            Assert.Contains("curl_init('https://pay.example.co.ke/index.php')", example.Php);
            Assert.Contains($"'action={example.Action}'", example.Curl);
            Assert.Contains($"formData.append('action', '{example.Action}');", example.JavaScript);
            Assert.Contains($"'action' => '{example.Action}',", example.Php);
        }
    }

    [Fact]
    public void UsesTheMerchantsFirstPaymentIdAndLinkAndOnlyTheKeyPlaceholder()
    {
        var examples = ApiExamples.Build(Input).ToDictionary(e => e.Action);

        var stk = examples["api_stk"];
        Assert.Contains("--form-string 'payment_id=#00002'", stk.Curl);
        Assert.Contains("formData.append('api_key', 'sk_your_api_key_here');", stk.JavaScript);
        Assert.Contains("'payment_id' => '#00002',", stk.Php);
        Assert.Contains("'uid' => 'u_abc123',", examples["pay_from_link"].Php);
        Assert.Contains("'lid' => 'link_def456',", examples["pay_from_link"].Php);
        Assert.Contains("'user' => 'duka',", examples["login"].Php);
        Assert.All(examples.Values, e => Assert.DoesNotContain("sk_", e.Curl.Replace(ApiExamples.KeyPlaceholder, "", StringComparison.Ordinal)));
    }

    [Fact]
    public void FallsBackToPlaceholdersForAMerchantWithNoAccountsOrLinks()
    {
        var examples = ApiExamples.Build(new ApiExampleInput("http://localhost:5080", "u_x", "duka", [], null)).ToDictionary(e => e.Action);

        Assert.Contains("'payment_id' => '#00001',", examples["api_stk"].Php);
        Assert.Contains("'lid' => 'link_your_link_id',", examples["pay_from_link"].Php);
    }

    [Fact]
    public void SessionActionsKeepTheCookieAndKeyActionsSendTheKey()
    {
        var examples = ApiExamples.Build(Input).ToDictionary(e => e.Action);

        Assert.Contains("-b cookies.txt -c cookies.txt", examples["login"].Curl);
        Assert.Contains("CURLOPT_COOKIEJAR", examples["create_link"].Php);
        Assert.DoesNotContain("cookies", examples["api_stk"].Curl);
        Assert.Contains("--form-string 'api_key=sk_your_api_key_here'", examples["transaction"].Curl);
        Assert.DoesNotContain("api_key", examples["pay_from_link"].JavaScript);
    }

    [Theory]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("#00001", "'#00001'")]
    public void ShellWordsAreSingleQuoted(string value, string expected) => Assert.Equal(expected, ApiExamples.Shell(value));

    [Theory]
    [InlineData("it's", "'it\\'s'")]
    [InlineData("a\\b", "'a\\\\b'")]
    public void StringLiteralsEscapeQuotesAndBackslashes(string value, string expected) => Assert.Equal(expected, ApiExamples.Quoted(value));
}
