using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MerchantPortal.Web.Pages.Forms;

/// <summary>
/// Every input the server found invalid says so to assistive technology (<c>aria-invalid</c>), is described by its
/// error beside it (<c>aria-describedby</c>, before any help text), and the first one on the page takes the focus
/// (<c>autofocus</c>), so all of this holds without JavaScript too.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    private const string FocusGiven = "Forms.FocusGiven";

    /// <summary>After the framework's own tag helpers have written the name and id.</summary>
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = FieldErrors.FullName(ViewContext, For);
        if (!FieldErrors.HasErrors(ViewContext, name))
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var help = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value?.ToString() : null;
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrWhiteSpace(help) ? FieldErrors.Id(name) : $"{FieldErrors.Id(name)} {help}");
        if (ViewContext.HttpContext.Items.TryAdd(FocusGiven, true))
        {
            output.Attributes.SetAttribute("autofocus", "autofocus");
        }
    }
}

/// <summary>Gives a field's error an id its input can point at.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorIdTagHelper : TagHelper
{
    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id"))
        {
            output.Attributes.SetAttribute("id", FieldErrors.Id(FieldErrors.FullName(ViewContext, For)));
        }
    }
}

internal static class FieldErrors
{
    /// <summary>The posted name (<c>Input.Number</c> inside a partial rendered for <c>Input</c>).</summary>
    public static string FullName(ViewContext view, ModelExpression field) =>
        view.ViewData.TemplateInfo.GetFullHtmlFieldName(field.Name);

    public static bool HasErrors(ViewContext view, string name) =>
        view.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;

    /// <summary>
    /// Not <c>{id}-error</c>: jquery-validation gives that id to the message it writes inside this span, and points
    /// the input at it itself.
    /// </summary>
    public static string Id(string name) => TagBuilder.CreateSanitizedId(name, "_") + "-field-error";
}
