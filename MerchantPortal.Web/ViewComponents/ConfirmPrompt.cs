namespace MerchantPortal.Web.ViewComponents;

/// <summary>
/// The model of <c>Pages/Shared/_Confirm.cshtml</c>: a destructive POST behind a second click, which works
/// without JavaScript (a <c>&lt;details&gt;</c> disclosure).
/// </summary>
public sealed record ConfirmPrompt(string Action, string Button, string Question, string ConfirmButton);
