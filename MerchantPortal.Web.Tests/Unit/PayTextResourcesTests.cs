using System.Text.RegularExpressions;
using System.Xml.Linq;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>The Swahili customer pages say everything the English ones do, with the same blanks to fill.</summary>
public sealed partial class PayTextResourcesTests
{
    [Fact]
    public void EveryEnglishStringHasASwahiliOneWithTheSamePlaceholdersAndNoEmptyValue()
    {
        var english = Read("PayText.resx");
        var swahili = Read("PayText.sw.resx");

        var problems = new List<string>();
        foreach (var (key, text) in english)
        {
            if (!swahili.TryGetValue(key, out var translated))
            {
                problems.Add($"{key} has no Swahili");
            }
            else if (string.IsNullOrWhiteSpace(translated))
            {
                problems.Add($"{key} is empty in Swahili");
            }
            else if (!Placeholders(text).SetEquals(Placeholders(translated)))
            {
                problems.Add($"{key}: {{…}} differ: \"{text}\" / \"{translated}\"");
            }
        }

        problems.AddRange(swahili.Keys.Except(english.Keys).Select(k => $"{k} is only in Swahili"));
        problems.AddRange(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{e.Key} is empty in English"));
        Assert.Empty(problems);
    }

    [Fact]
    public void TheCheckSeesAPlaceholderThatWentMissing() =>
        Assert.False(Placeholders("You paid {0} to {1}.").SetEquals(Placeholders("Umelipa {0}.")));

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(SourceTree.WebProject(), "Pages", "Pay", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
