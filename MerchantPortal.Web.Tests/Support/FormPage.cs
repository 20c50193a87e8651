using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>Reads a page's antiforgery token and posts its form, as a browser would.</summary>
public static partial class FormPage
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, params (string Name, string Value)[] fields)
    {
        var page = await http.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "The form has no antiforgery token.");
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token.Groups[1].Value));
        var action = FormAction().Match(page);
        var target = action.Success ? System.Net.WebUtility.HtmlDecode(action.Groups[1].Value) : path;
        return await http.PostAsync(target, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
