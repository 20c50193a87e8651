using System.Text.RegularExpressions;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// Every error code the action router can answer, read from the code that raises them: the router, and the services and
/// validators under Features/ its actions call. A code written in a new place is found without anyone listing it.
/// </summary>
public static partial class RouterErrorCodes
{
    /// <summary>The list the page shows: read it, and every check would pass.</summary>
    private const string Catalogue = "Api/ApiErrorCodes.cs";

    /// <summary>Code only the portal's pages, the admin area or the command line reach, never an action.</summary>
    private static readonly string[] PagesOnly =
    [
        "Features/Admin/", "Features/Backups/", "Features/Onboarding/", "Features/PayPages/", "Features/Statements/", "Features/Merchants/TwoFactorService.cs",
        "Features/Merchants/AccountSecurityService.cs", "Features/Merchants/SecurityRequests.cs", "Features/Merchants/SessionService.cs",
        "Features/PaymentAccounts/AccountCredentials", "Features/PaymentAccounts/PaymentAccountLifecycleService.cs",
        "Features/Transactions/TransactionDetailsService.cs", "Features/Transactions/TransactionListService.cs",
        "Features/C2B/MenuIntentService.cs", "Features/C2B/PullTransactionsService.cs", "Features/Reversals/", "Features/Members/BusinessAuditQuery.cs",
        "Features/Business/BusinessClosing",
    ];

    /// <summary>Each code with the kinds it is raised with where the source says (a constant's kind is left unknown).</summary>
    public static IReadOnlyDictionary<string, HashSet<ErrorKind>> Read()
    {
        var codes = new Dictionary<string, HashSet<ErrorKind>>(StringComparer.Ordinal);
        void Add(string code, ErrorKind? kind)
        {
            var kinds = codes.TryGetValue(code, out var known) ? known : codes[code] = [];
            if (kind is { } k)
            {
                kinds.Add(k);
            }
        }

        foreach (var (_, text) in Files())
        {
            foreach (Match m in Raised().Matches(text))
            {
                Add(m.Groups["code"].Value, Enum.Parse<ErrorKind>(m.Groups["kind"].Value));
            }

            // A validator's code: validation failures are always Invalid.
            foreach (Match m in InvalidLiteral().Matches(text))
            {
                Add(m.Groups["code"].Value, ErrorKind.Invalid);
            }

            if (text.Contains("ServiceError", StringComparison.Ordinal))
            {
                foreach (Match m in CodeConstant().Matches(text))
                {
                    Add(m.Groups["code"].Value, null);
                }
            }
        }

        return codes;
    }

    /// <summary>True when <paramref name="code"/> is written somewhere in the web project's source (a listed code still raised).</summary>
    public static bool IsRaisedAnywhere(string code) =>
        Directory.EnumerateFiles(SourceTree.WebProject(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Replace(Path.DirectorySeparatorChar, '/').EndsWith(Catalogue, StringComparison.Ordinal))
            .Any(f => File.ReadAllText(f).Contains($"\"{code}\"", StringComparison.Ordinal));

    private static IEnumerable<(string Path, string Text)> Files()
    {
        var root = SourceTree.WebProject();
        foreach (var folder in new[] { "Api", "Features", "Hosting" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                if (!PagesOnly.Any(relative.StartsWith) && relative is not ("Hosting/AdminCommand.cs" or Catalogue))
                {
                    yield return (relative, File.ReadAllText(file));
                }
            }
        }
    }

    // new ServiceError(ErrorKind.X, "code" / new(ErrorKind.X, "code" / ServiceError.Invalid("code" (also across lines).
    [GeneratedRegex(@"(?:ErrorKind\.(?<kind>\w+),\s*|ServiceError\.(?<kind>Invalid|NotFound|Conflict)\(\s*)""(?<code>[a-z][a-z0-9]*(?:_[a-z0-9]+)+)""")]
    private static partial Regex Raised();

    [GeneratedRegex(@"(?:WithErrorCode\(|ErrorCode = |WebhookTarget\(\w+, )""(?<code>invalid_[a-z0-9_]+)""")]
    private static partial Regex InvalidLiteral();

    [GeneratedRegex(@"const string \w*(?:Code|Required)\w* = ""(?<code>[a-z][a-z0-9]*(?:_[a-z0-9]+)+)"";")]
    private static partial Regex CodeConstant();
}
