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

    /// <summary>A line for each table in the page's main part that sticks out of its column instead of fitting or scrolling inside its own box.</summary>
    public static async Task<IReadOnlyList<string>> TablesAsync(IPage page, string where) =>
        [.. (await page.EvaluateAsync<string[]>(TablesStickingOut)).Select(problem => $"{where}: {problem}")];

    private const string TablesStickingOut = """
        () => [...(document.querySelector('main') ?? document.body).querySelectorAll('table')].flatMap(table => {
            for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
                if (getComputedStyle(box).overflowX !== 'visible') return [];
            }
            const column = table.parentElement, style = getComputedStyle(column), edge = column.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
            const right = table.getBoundingClientRect().right;
            return right > edge + 1 ? [`table.${[...table.classList].join('.')} sticks out of its column by ${Math.round(right - edge)} px`] : [];
        })
        """;

    /// <summary>
    /// Lines for what a phone makes hard to use in the page's main part: a control smaller than WCAG 2.2's 24×24 px
    /// target (2.5.8), a field whose text is under 16 px (the phone zooms in when it gets focus), and a table shown as
    /// cards whose values do not say what they are (<see cref="CardsAsync"/>).
    /// </summary>
    public static Task<IReadOnlyList<string>> PhoneAsync(IPage page, string where) => HardOnAPhoneAsync(page, where, controls: true);

    /// <summary>Lines for each table shown as cards (a phone) whose values do not say what they are: their column's heading is hidden.</summary>
    public static Task<IReadOnlyList<string>> CardsAsync(IPage page, string where) => HardOnAPhoneAsync(page, where, controls: false);

    private static async Task<IReadOnlyList<string>> HardOnAPhoneAsync(IPage page, string where, bool controls) =>
        [.. (await page.EvaluateAsync<string[]>(HardOnAPhone, new { controls })).Select(problem => $"{where}: {problem}")];

    private const string HardOnAPhone = """
        ({ controls }) => {
            const main = document.querySelector('main') ?? document.body, out = [];
            const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : el.name ? `[name=${el.name}]` : '') + (el.tagName === 'BUTTON' ? ` "${el.innerText.trim()}"` : '');
            for (const el of controls ? main.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, button') : []) {
                if (!shown(el)) continue;
                const box = el.getBoundingClientRect(), text = parseFloat(getComputedStyle(el).fontSize);
                if (box.width < 24 || box.height < 24) out.push(`${name(el)} is ${Math.round(box.width)}×${Math.round(box.height)} px, under 24×24`);
                if (el.tagName !== 'BUTTON' && text < 16) out.push(`${name(el)} has ${text} px text, under 16`);
            }
            for (const table of main.querySelectorAll('table')) {
                const heads = [...(table.tHead?.rows[0]?.cells ?? [])], rows = [...table.tBodies].flatMap(b => [...b.rows]);
                if (!shown(table) || rows.length === 0 || getComputedStyle(rows[0]).display === 'table-row') continue;
                // A card's first value is its title; a column with no visible heading (actions) names itself.
                const unsaid = heads.map((th, i) => ({ th, i })).filter(({ th, i }) => i > 0 && th.innerText.trim() !== ''
                    && !th.querySelector('.visually-hidden') && rows.some(row => row.cells[i]?.innerText.trim()
                    && ['none', 'normal', ''].includes(getComputedStyle(row.cells[i], '::before').content)));
                if (unsaid.length > 0) out.push(`cards of table.${[...table.classList].join('.')} do not say what ${unsaid.map(u => u.th.innerText.trim()).join(', ')} are`);
            }
            return out;
        }
        """;

    public static void AssertNone(IReadOnlyCollection<string> findings, string what) =>
        Assert.True(findings.Count == 0, $"{what}:\n" + string.Join("\n", findings));
}
