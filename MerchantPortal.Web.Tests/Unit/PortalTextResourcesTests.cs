using System.Text.RegularExpressions;
using System.Xml.Linq;
using MerchantPortal.Web.Tests.Support;
using MerchantPortal.Web.ViewComponents;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>
/// Every word the portal's views ask PortalText for is in PortalText.resx, so none shows as its key; and the pages already
/// no view writes an English heading or title of its own.
/// </summary>
public sealed partial class PortalTextResourcesTests
{
    /// <summary>Pages with words of their own: the customer's pages read PayText (English and Swahili).</summary>
    private static readonly string[] NotPortalText = ["Pages/Pay/"];

    [Fact]
    public void EveryMenuEntryHasItsWordsInTheResourceFile()
    {
        var resources = Resources();
        var keys = MainNav.Primary.Select(i => i.TextKey)
            .Concat(MainNav.Groups.SelectMany(g => g.Items.Select(i => i.TextKey).Append(g.TextKey)))
            .Concat(MainNav.AccountSecurity.Select(i => i.TextKey))
            .Append(MainNav.Admin.TextKey)
            .Append(MainNav.Businesses.TextKey)
            .Concat(MerchantPortal.Web.Features.Members.MemberRoles.All
                .SelectMany(r => new[] { MerchantPortal.Web.Pages.Shared.PortalText.RoleKey(r), MerchantPortal.Web.Pages.Shared.PortalText.RoleHelpKey(r) }));

        Assert.DoesNotContain(keys, k => string.IsNullOrWhiteSpace(resources.GetValueOrDefault(k)));
    }

    [Fact]
    public void EveryWordAPortalViewAsksForIsInTheResourceFile()
    {
        var resources = Resources();
        var missing = Views().SelectMany(v => Asked().Matches(File.ReadAllText(Path.Combine(SourceTree.WebProject(), v)))
                .Select(m => $"{v}: {m.Groups["key"].Value}"))
            .Where(k => string.IsNullOrWhiteSpace(resources.GetValueOrDefault(k[(k.LastIndexOf(' ') + 1)..])))
            .ToList();

        Assert.Contains(Views(), v => v.StartsWith("Pages/Dashboard/", StringComparison.Ordinal));
        Assert.Empty(missing);
    }

    [Fact]
    public void TheViewsScannedForWordsIncludeEveryPortalPageButPay()
    {
        var views = Views();

        Assert.Contains("Pages/Shared/_Layout.cshtml", views);
        Assert.Contains("Pages/Dashboard/_Checklist.cshtml", views);
        Assert.Contains("Pages/Developers/_Example.cshtml", views);
        Assert.Contains("Pages/Admin/_AdminNav.cshtml", views);
        Assert.Contains("Pages/Index.cshtml", views);
        Assert.Contains("Pages/Error.cshtml", views);
        Assert.Contains("Areas/Identity/Pages/Account/Login.cshtml", views);
        Assert.Contains("Areas/Identity/Pages/Account/Manage/_ManageNav.cshtml", views);
        Assert.DoesNotContain(views, v => NotPortalText.Any(v.StartsWith));
    }

    [Fact]
    public void NoPageWritesItsHeadingOrTitleInEnglishInTheView()
    {
        var offending = Views()
            .SelectMany(v => Headings().Matches(File.ReadAllText(Path.Combine(SourceTree.WebProject(), v)))
                .Select(m => (View: v, Text: m.Value, Words: m.Groups["body"].Value)))
            .Where(h => h.Text.StartsWith("ViewData", StringComparison.Ordinal) ? h.Words.TrimStart().StartsWith('"') : HasPlainWords(h.Words))
            .Select(h => $"{h.View}: {h.Text}")
            .ToList();

        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("<h1>Home</h1>", true)]
    [InlineData("<h1 class=\"x\">Links <span>@Model.Count</span></h1>", true)]
    [InlineData("<h1>@T[\"Home_Title\"]</h1>", false)]
    [InlineData("<h1 class=\"txn-title\">@d.Headline</h1>", false)]
    [InlineData("<h1>@T[\"Links_Title\", Model.Count] <small>@(Model.X ? \"a\" : \"b\")</small></h1>", false)]
    public void TheHeadingCheckTellsWrittenWordsFromAskedOnes(string heading, bool plain) =>
        Assert.Equal(plain, HasPlainWords(Headings().Match(heading).Groups["body"].Value));

    /// <summary>What is left of a heading once its tags and Razor expressions are taken out holds a letter.</summary>
    private static bool HasPlainWords(string body)
    {
        var rest = Expression().Replace(Tag().Replace(body, " "), " ");
        return rest.Any(char.IsLetter);
    }

    /// <summary>The portal's pages and the sign-in pages (Identity's area), less those with words of their own.</summary>
    private static List<string> Views()
    {
        var web = SourceTree.WebProject();
        return new[] { "Pages", Path.Combine("Areas", "Identity", "Pages") }
            .SelectMany(root => Directory.EnumerateFiles(Path.Combine(web, root), "*.cshtml", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(v => !NotPortalText.Any(v.StartsWith))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, string> Resources() =>
        XDocument.Load(Path.Combine(SourceTree.WebProject(), "Pages", "Shared", "PortalText.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    /// <summary>T["Key"…] written in markup (@T[…]) or in the view's code (T["Key"].Value).</summary>
    [GeneratedRegex(@"(?<![\w.])T\[""(?<key>\w+)""")]
    private static partial Regex Asked();

    /// <summary>An &lt;h1&gt; and its content, or the page title set in the view.</summary>
    [GeneratedRegex(@"<h1\b[^>]*>(?<body>.*?)</h1>|ViewData\[""Title""\]\s*=\s*(?<body>[^;]*);", RegexOptions.Singleline)]
    private static partial Regex Headings();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>@T["Key", …], @( … ) and @name.member chains: words asked for rather than written.</summary>
    [GeneratedRegex(@"@T\[[^\]]*\](\.Value)?|@\((?>[^()]+|\((?<d>)|\)(?<-d>))*\)|@[\w.]+")]
    private static partial Regex Expression();
}
