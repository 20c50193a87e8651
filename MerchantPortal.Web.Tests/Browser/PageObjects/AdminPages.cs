using Microsoft.Playwright;

namespace MerchantPortal.Web.Tests.Browser.PageObjects;

/// <summary>The operator's admin area, by what an operator does in it.</summary>
public sealed class AdminPages(IPage page)
{
    /// <summary>From any page, through the account menu's "Admin area" (shown to administrators only).</summary>
    public async Task OpenAsync() => await new PortalMenu(page).AccountAsync("Admin area");

    public async Task FindMerchantAsync(string term)
    {
        await AdminNav("Merchants").ClickAsync();
        await page.GetByLabel("Search").FillAsync(term);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
    }

    public async Task OpenMerchantAsync(string username) =>
        await page.GetByRole(AriaRole.Link, new() { Name = username, Exact = true }).ClickAsync();

    public async Task SuspendAsync(string reason)
    {
        await page.GetByText("Suspend", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Reason (the merchant sees it)").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, suspend" }).ClickAsync();
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator StatusMessage => page.Locator(".status");

    public ILocator SubscriptionState => page.Locator("#subscription-state");

    private ILocator AdminNav(string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = name });
}
