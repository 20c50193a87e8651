using System.Text.RegularExpressions;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>The README's receiver snippets, run by node and php against a signature the portal makes.</summary>
public sealed partial class WebhookReceiverDocsTests
{
    private const string Secret = "whsec_TestSecret0123456789";
    private const string Body = """{"id":"evt_1","type":"transaction.succeeded","data":{"transaction":{"id":"txn_1","amount":100}}}""";

    [Theory]
    [InlineData("javascript", "node", ".js")]
    [InlineData("php", "php", ".php")]
    public async Task TheReadmesVerifierAcceptsThePortalsSignatureAndRefusesATamperedBody(string language, string program, string extension)
    {
        var snippet = Snippet(language);
        var header = WebhookSigning.Sign(Secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Body);
        var old = WebhookSigning.Sign(Secret, DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds(), Body);
        var calls = language == "php"
            ? $"echo json_encode([verify('{Secret}', '{header}', '{Body}'), verify('{Secret}', '{header}', '{Body} '), verify('{Secret}', '{old}', '{Body}')]);"
            : $"console.log(JSON.stringify([verify('{Secret}', '{header}', '{Body}'), verify('{Secret}', '{header}', '{Body} '), verify('{Secret}', '{old}', '{Body}')]));";
        var script = language == "php" ? snippet.Replace("?>", "", StringComparison.Ordinal) + "\n" + calls : snippet + "\n" + calls;

        var path = Path.Combine(Path.GetTempPath(), $"mp-verify-{Guid.NewGuid():N}{extension}");
        await File.WriteAllTextAsync(path, script);
        try
        {
            var (exit, stdout, stderr) = await ExternalProcess.RunAsync(program, path, TimeSpan.FromSeconds(30));
            Assert.True(exit == 0, stderr + stdout);
            Assert.Equal("[true,false,false]", stdout.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The README's code block for a language; for PHP only the function, not the line that reads $_SERVER.</summary>
    private static string Snippet(string language)
    {
        var readme = File.ReadAllText(FindReadme());
        var block = CodeBlock().Matches(readme).First(m => m.Groups["lang"].Value == language && m.Groups["code"].Value.Contains("function verify")).Groups["code"].Value;
        return language == "php" ? string.Join('\n', block.Split('\n').TakeWhile(line => !line.StartsWith("$ok", StringComparison.Ordinal))) : block;
    }

    internal static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "MerchantPortal.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("README.md beside MerchantPortal.sln");
    }

    [GeneratedRegex("```(?<lang>[a-z]+)\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
