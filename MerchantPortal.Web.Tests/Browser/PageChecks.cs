using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MerchantPortal.Web.Tests.Browser;

/// <summary>
/// What every page is held to, page by page: axe-core's serious and critical rules (its script comes inside the
/// Deque package and is injected into the page, so nothing is fetched), and no sideways scrolling. Each check returns
/// its findings, so a test collects them over many pages and fails once with the whole list.
/// </summary>
public static class PageChecks
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static readonly (int Width, int Height)[] Screens = [(390, 844), (1366, 900)];

    /// <summary>One line per element that breaks a serious or critical axe rule: where, rule, impact, selector.</summary>
    public static async Task<IReadOnlyList<string>> AxeAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);
        return [.. result.Violations
            .Where(rule => Blocking.Contains(rule.Impact))
            .SelectMany(rule => rule.Nodes.Select(node => $"{where}: {rule.Id} ({rule.Impact}) at {node.Target}: {rule.Help}"))];
    }

    /// <summary>A line when the page scrolls sideways at the current viewport, naming the first elements that stick out.</summary>
    public static async Task<IReadOnlyList<string>> WidthAsync(IPage page, string where)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] <= widths[1])
        {
            return [];
        }

        var culprits = await page.EvaluateAsync<string[]>(StickingOut);
        return [$"{where}: {widths[0]} px wide in a {widths[1]} px window ({string.Join(", ", culprits)})"];
    }

    // The innermost elements whose right edge passes the window's.
    private const string StickingOut = """
        () => {
            const width = document.documentElement.clientWidth, out = [];
            const past = el => el.getBoundingClientRect().right > width + 1;
            for (const el of document.querySelectorAll('body *')) {
                if (past(el) && ![...el.children].some(past)) {
                    out.push(el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : ''));
                    if (out.length === 3) break;
                }
            }
            return out;
        }
        """;

    public static void AssertNone(IReadOnlyCollection<string> findings, string what) =>
        Assert.True(findings.Count == 0, $"{what}:\n" + string.Join("\n", findings));
}
