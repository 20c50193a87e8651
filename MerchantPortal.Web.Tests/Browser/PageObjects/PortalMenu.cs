using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.PageObjects;

/// <summary>
/// The header menu as a person uses it: on a phone it is folded behind "Menu", Developers and Settings are groups
/// that open, and the account menu (under the business name) holds Security, the admin area and Sign out.
/// </summary>
public sealed class PortalMenu(IPage page)
{
    public ILocator Toggle => page.Locator("label[for=nav-toggle]");

    public ILocator Main => page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    public ILocator AccountMenu => page.Locator("details.account-menu");

    /// <summary>Opens the folded menu when the screen folds it (a phone); a wide screen shows it already.</summary>
    public async Task UnfoldAsync()
    {
        if (await Toggle.IsVisibleAsync() && !await Main.IsVisibleAsync())
        {
            await Toggle.ClickAsync();
            await Expect(Main).ToBeVisibleAsync();
        }
    }

    public async Task FoldAsync()
    {
        await Toggle.ClickAsync();
        await Expect(Main).ToBeHiddenAsync();
    }

    /// <summary>Follows a menu entry: <c>GoAsync("Links")</c>, or one inside a group: <c>GoAsync("API keys", "Developers")</c>.</summary>
    public async Task GoAsync(string entry, string? group = null)
    {
        await UnfoldAsync();
        if (group is not null)
        {
            await OpenAsync(Main.Locator("details", new() { Has = page.Locator("summary", new() { HasText = group }) }));
        }

        await Main.GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
    }

    /// <summary>An entry of the account menu: "Change password", "Admin area"…</summary>
    public async Task AccountAsync(string entry)
    {
        await UnfoldAsync();
        await OpenAsync(AccountMenu);
        await AccountMenu.GetByRole(AriaRole.Link, new() { Name = entry }).ClickAsync();
    }

    public async Task SignOutAsync()
    {
        await UnfoldAsync();
        await OpenAsync(AccountMenu);
        await AccountMenu.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
    }

    private static async Task OpenAsync(ILocator details)
    {
        if (await details.GetAttributeAsync("open") is null)
        {
            await details.Locator("summary").ClickAsync();
        }
    }
}
