using System.Text.RegularExpressions;
using System.Xml.Linq;
using MerchantPortal.Web.Tests.Support;
using MerchantPortal.Web.ViewComponents;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>Every word the shared layout and menu ask PortalText for is in PortalText.resx, so none shows as its key.</summary>
public sealed partial class PortalTextResourcesTests
{
    private static readonly string[] Views =
    [
        "Pages/Shared/_Layout.cshtml", "Pages/Shared/Components/MainNav/Default.cshtml", "Areas/Identity/Pages/Shared/_ConfirmEmailBanner.cshtml",
    ];

    [Fact]
    public void EveryMenuEntryHasItsWordsInTheResourceFile()
    {
        var resources = Resources();
        var keys = MainNav.Primary.Select(i => i.TextKey)
            .Concat(MainNav.Groups.SelectMany(g => g.Items.Select(i => i.TextKey).Append(g.TextKey)))
            .Concat(MainNav.AccountSecurity.Select(i => i.TextKey))
            .Append(MainNav.Admin.TextKey);

        Assert.DoesNotContain(keys, k => string.IsNullOrWhiteSpace(resources.GetValueOrDefault(k)));
    }

    [Fact]
    public void EveryWordTheLayoutAsksForIsInTheResourceFile()
    {
        var resources = Resources();
        var asked = Views.SelectMany(v => Asked().Matches(File.ReadAllText(Path.Combine(SourceTree.WebProject(), v))))
            .Select(m => m.Groups["key"].Value).ToList();

        Assert.NotEmpty(asked);
        Assert.DoesNotContain(asked, k => string.IsNullOrWhiteSpace(resources.GetValueOrDefault(k)));
    }

    private static Dictionary<string, string> Resources() =>
        XDocument.Load(Path.Combine(SourceTree.WebProject(), "Pages", "Shared", "PortalText.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [GeneratedRegex(@"@T\[""(?<key>\w+)""")]
    private static partial Regex Asked();
}
