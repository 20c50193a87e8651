using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Where Daraja POSTs an account's C2B validation and confirmation: one unguessable token per account in the path.
/// The simulator POSTs only to these paths (and the STK one), so the portal's endpoints and the simulator use these
/// constants and nothing else.
/// </summary>
public static partial class C2BCallbackPaths
{
    public const string Confirmation = "/hooks/c2b/{token}/confirmation";
    public const string Validation = "/hooks/c2b/{token}/validation";

    /// <summary>The same characters as an STK callback token.</summary>
    public const string TokenCharacters = "[A-Za-z0-9_-]{1,100}";

    public static string ConfirmationFor(string token) => Confirmation.Replace("{token}", Checked(token), StringComparison.Ordinal);

    public static string ValidationFor(string token) => Validation.Replace("{token}", Checked(token), StringComparison.Ordinal);

    /// <summary>
    /// A token that fits the path and that Daraja would not refuse in a URL: a random token can spell "exe" or "sql",
    /// so a generator draws again until this holds.
    /// </summary>
    public static bool IsUsableToken(string token) => TokenRegex().IsMatch(token) && !DarajaUrlRules.ContainsRefusedWord(token);

    /// <summary>Whether a path (no query) is one of the two, and which one.</summary>
    public static bool IsC2BPath(string path, out bool isValidation)
    {
        var match = PathRegex().Match(path);
        isValidation = match.Success && match.Groups["kind"].Value == "validation";
        return match.Success;
    }

    private static string Checked(string token) =>
        TokenRegex().IsMatch(token) ? token : throw new ArgumentException("Not a callback token.", nameof(token));

    [GeneratedRegex("^" + TokenCharacters + "$")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("^/hooks/c2b/" + TokenCharacters + "/(?<kind>confirmation|validation)$")]
    private static partial Regex PathRegex();
}
