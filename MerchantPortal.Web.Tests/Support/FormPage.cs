using System.Net;
using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>Reads a page's antiforgery token and posts its form, as a browser would.</summary>
public static partial class FormPage
{
    /// <summary>Posts the page's main form: the first post form inside <c>&lt;main&gt;</c> (banners and the header come before it).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, params (string Name, string Value)[] fields) =>
        PostFormAsync(http, path, null, fields);

    /// <summary>Posts the form whose action contains <paramref name="actionContains"/> (e.g. <c>handler=Disable</c>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, string? actionContains,
        params (string Name, string Value)[] fields)
    {
        var page = await http.GetStringAsync(path);
        var main = page.IndexOf("<main", StringComparison.Ordinal);
        var forms = Forms().Matches(page)
            .Select(m => (Index: m.Index, Attributes: m.Groups[1].Value, Body: m.Groups[2].Value))
            .Where(f => Attribute(f.Attributes, "method")?.Equals("post", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();
        var form = actionContains is null
            ? forms.FirstOrDefault(f => f.Index > main)
            : forms.FirstOrDefault(f => WebUtility.HtmlDecode(Attribute(f.Attributes, "action") ?? path).Contains(actionContains, StringComparison.Ordinal));
        Assert.True(form.Attributes is not null, $"No post form{(actionContains is null ? "" : " to " + actionContains)} on {path}.");

        // Like a browser: the form's hidden inputs (antiforgery token, carried values) go with the typed fields.
        var hidden = Inputs().Matches(form.Body).Select(m => m.Value)
            .Where(i => Attribute(i, "type")?.Equals("hidden", StringComparison.OrdinalIgnoreCase) == true && Attribute(i, "name") is not null)
            .Select(i => new KeyValuePair<string, string>(Attribute(i, "name")!, WebUtility.HtmlDecode(Attribute(i, "value") ?? "")))
            .Where(h => !fields.Any(f => f.Name == h.Key))
            .ToList();
        Assert.True(hidden.Any(h => h.Key == "__RequestVerificationToken"), "The form has no antiforgery token.");
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Concat(hidden);
        var target = WebUtility.HtmlDecode(Attribute(form.Attributes, "action") ?? path);
        return await http.PostAsync(target, new FormUrlEncodedContent(values));
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"(?:^|\\s){name}=\"([^\"]*)\"", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<form\\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Forms();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Inputs();
}
