using System.Globalization;
using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>
/// WCAG 2.2 contrast of the colours the style sheets actually use, read from the files: text 4.5:1 (1.4.3), the focus
/// ring and field borders 3:1 (1.4.11), each against the page and against the white panels and fields they sit on.
/// </summary>
public sealed partial class ColourContrastTests
{
    public static TheoryData<string, string> Sheets => new()
    {
        { "site.css", ".panel" },
        { "pay.css", ".card" },
    };

    [Theory]
    [MemberData(nameof(Sheets))]
    public void BodyTextMutedTextAndLinksHaveAtLeast4Point5To1(string sheet, string panel)
    {
        var css = Sheet.Load(sheet);
        foreach (var background in css.Backgrounds(panel))
        {
            AssertContrast(css.Colour("body", "color"), background, 4.5, $"{sheet}: body text");
            AssertContrast(css.Variable("--muted"), background, 4.5, $"{sheet}: muted text");
            AssertContrast(css.Colour(sheet == "site.css" ? ":where(a)" : "a", "color"), background, 4.5, $"{sheet}: links");
        }
    }

    [Theory]
    [MemberData(nameof(Sheets))]
    public void TheFocusRingAndFieldBordersHaveAtLeast3To1(string sheet, string panel)
    {
        var css = Sheet.Load(sheet);
        foreach (var background in css.Backgrounds(panel))
        {
            AssertContrast(css.Colour("input:focus", "outline"), background, 3, $"{sheet}: focus ring");
            AssertContrast(css.Colour("input", "border"), background, 3, $"{sheet}: field border");
        }
    }

    [Fact]
    public void VisitedLinksKeepTheLinkColour()
    {
        var css = Sheet.Load("site.css");
        Assert.DoesNotContain(css.Selectors, s => s.Contains(":visited", StringComparison.Ordinal));
        Assert.Equal("var(--link)", css.Value(":where(a)", "color"));
    }

    [Theory]
    [InlineData("#000000", "#ffffff", 21)]
    [InlineData("#777", "#fff", 4.48)]
    [InlineData("#0b7a3e", "#ffffff", 5.43)]
    public void TheContrastRatioIsWcags(string a, string b, double expected) =>
        Assert.Equal(expected, Ratio(Parse(a), Parse(b)), 2);

    private static void AssertContrast((double R, double G, double B) foreground, (string Name, (double R, double G, double B) Colour) background, double minimum, string what)
    {
        var ratio = Ratio(foreground, background.Colour);
        Assert.True(ratio >= minimum, $"{what} has {ratio:0.00}:1 against {background.Name}; at least {minimum}:1 is needed.");
    }

    private static double Ratio((double R, double G, double B) a, (double R, double G, double B) b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance((double R, double G, double B) c)
    {
        static double Channel(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        return (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
    }

    private static (double R, double G, double B) Parse(string hex)
    {
        var h = hex.TrimStart('#');
        if (h.Length == 3)
        {
            h = string.Concat(h.Select(c => $"{c}{c}"));
        }

        double At(int i) => int.Parse(h.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
        return (At(0), At(2), At(4));
    }

    /// <summary>A style sheet's rules as selector → declarations (first rule wins, as none of ours is overridden later), and its :root variables.</summary>
    private sealed class Sheet
    {
        private readonly List<(string[] Selectors, Dictionary<string, string> Declarations)> rules = [];
        private readonly Dictionary<string, string> variables = [];

        public IEnumerable<string> Selectors => rules.SelectMany(r => r.Selectors);

        public static Sheet Load(string name)
        {
            var text = CommentPattern().Replace(File.ReadAllText(Path.Combine(CssFolder(), name)), "");
            var sheet = new Sheet();
            foreach (Match rule in RulePattern().Matches(text))
            {
                var declarations = rule.Groups["body"].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(d => d.Split(':', 2, StringSplitOptions.TrimEntries)).Where(d => d.Length == 2)
                    .ToDictionary(d => d[0], d => d[1]);
                var selectors = rule.Groups["selector"].Value.Split(',', StringSplitOptions.TrimEntries);
                if (selectors is [":root"])
                {
                    foreach (var (key, value) in declarations)
                    {
                        sheet.variables[key] = value;
                    }
                }

                sheet.rules.Add((selectors, declarations));
            }

            return sheet;
        }

        public string Value(string selector, string property) =>
            rules.First(r => r.Selectors.Contains(selector) && r.Declarations.ContainsKey(property)).Declarations[property];

        /// <summary>The colour in a declaration such as <c>border: 1px solid var(--line)</c>.</summary>
        public (double R, double G, double B) Colour(string selector, string property) => ColourIn(Value(selector, property));

        public (double R, double G, double B) Variable(string name) => ColourIn(variables[name]);

        /// <summary>The page's background and the panel's, which fields and links also sit on.</summary>
        public IEnumerable<(string Name, (double R, double G, double B) Colour)> Backgrounds(string panel) =>
            [("the page", Colour("body", "background")), ($"a {panel}", Colour(panel, "background"))];

        private (double R, double G, double B) ColourIn(string value)
        {
            var resolved = VariablePattern().Replace(value, m => variables[m.Groups[1].Value]);
            return Parse(HexPattern().Match(resolved) is { Success: true } hex ? hex.Value : throw new InvalidOperationException($"No colour in '{value}'."));
        }
    }

    private static string CssFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "MerchantPortal.Web", "wwwroot", "css");
            if (File.Exists(Path.Combine(dir.FullName, "MerchantPortal.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("MerchantPortal.Web/wwwroot/css beside MerchantPortal.sln");
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"(?<selector>[^{}]+)\{(?<body>[^{}]*)\}")]
    private static partial Regex RulePattern();

    [GeneratedRegex(@"var\((--[\w-]+)\)")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")]
    private static partial Regex HexPattern();
}
