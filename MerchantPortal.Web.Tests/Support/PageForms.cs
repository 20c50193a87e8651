using System.Net;
using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// Posts one of several forms on a page, chosen by its action (<c>handler=Delete&amp;id=2</c>), with the page's
/// antiforgery token, as a browser would. <see cref="FormPage"/> is the one-form case.
/// </summary>
public static partial class PageForms
{
    /// <param name="actionContains">Parts of the action's URL, in any order: <c>handler=Delete&amp;id=2</c>.</param>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient http, string path, string actionContains, params (string Name, string Value)[] fields)
    {
        var page = await http.GetStringAsync(path);
        var parts = actionContains.Split('&');
        var form = Forms().Matches(page).FirstOrDefault(m =>
            WebUtility.HtmlDecode(m.Groups["action"].Value).Split('?', '&').Intersect(parts).Count() == parts.Length);
        Assert.True(form is not null, $"No form on {path} posts to an action containing '{actionContains}'.");
        var target = WebUtility.HtmlDecode(form.Groups["action"].Value);
        return await PostToAsync(http, target.Length == 0 ? path : target, Token(form.Value), fields);
    }

    /// <summary>Posts the form that has no action attribute (it posts to its own page).</summary>
    public static async Task<HttpResponseMessage> PostOwnFormAsync(HttpClient http, string path, params (string Name, string Value)[] fields)
    {
        var page = await http.GetStringAsync(path);
        var form = Forms().Matches(page).FirstOrDefault(m => !m.Groups["tag"].Value.Contains("action=", StringComparison.Ordinal));
        Assert.True(form is not null, $"No self-posting form on {path}.");
        return await PostToAsync(http, path, Token(form.Value), fields);
    }

    /// <summary>
    /// A valid token from one of this client's own pages, posted to any URL: how a tenant-isolation test
    /// aims a genuine form post at another merchant's ids.
    /// </summary>
    public static async Task<HttpResponseMessage> PostWithTokenFromAsync(
        HttpClient http, string tokenPage, string target, params (string Name, string Value)[] fields)
    {
        var page = await http.GetStringAsync(tokenPage);
        return await PostToAsync(http, target, Token(page), fields);
    }

    private static Task<HttpResponseMessage> PostToAsync(HttpClient http, string target, string token, (string Name, string Value)[] fields) =>
        http.PostAsync(target, new FormUrlEncodedContent(fields
            .Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token))));

    private static string Token(string html)
    {
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, "The form has no antiforgery token.");
        return token.Groups[1].Value;
    }

    [GeneratedRegex("(?<tag><form\\b[^>]*?method=\"post\"(?:[^>]*?\\baction=\"(?<action>[^\"]*)\")?[^>]*>)(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
