namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Daraja refuses URLs containing these words, in any case (its C2B Register URL page: "M-PESA, M-Pesa, Safaricom,
/// exe, exec, cmd, SQL, query, or any of their variants"). "exe" covers "exec".
/// </summary>
public static class DarajaUrlRules
{
    public static IReadOnlyList<string> RefusedWords { get; } = ["m-pesa", "mpesa", "safaricom", "exe", "cmd", "sql", "query"];

    public static bool ContainsRefusedWord(string url) =>
        RefusedWords.Any(word => url.Contains(word, StringComparison.OrdinalIgnoreCase));
}
