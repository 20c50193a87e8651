namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Where Daraja POSTs an account's C2B validation and confirmation: the account's unguessable token in the path
/// routes and authenticates them. No word Daraja refuses in URLs ("mpesa", "query", …) appears in them.
/// </summary>
public static class C2BCallbackPaths
{
    public const string Confirmation = "/hooks/c2b/{token}/confirmation";
    public const string Validation = "/hooks/c2b/{token}/validation";

    public static string ConfirmationFor(string token) => Confirmation.Replace("{token}", token, StringComparison.Ordinal);

    public static string ValidationFor(string token) => Validation.Replace("{token}", token, StringComparison.Ordinal);
}
