using Microsoft.Playwright;

namespace MerchantPortal.Web.Tests.Browser.PageObjects;

/// <summary>The merchant's side of the portal, by what a merchant does.</summary>
public sealed class MerchantPortalPages(IPage page)
{
    public async Task RegisterAsync(string username, string email, string password)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create your account" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
    }

    public async Task AddPaybillAsync(string number, string reference)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a payment account" }).ClickAsync();
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Paybill" });
        await page.GetByLabel("Paybill or till number").FillAsync(number);
        await page.GetByLabel("Account reference (optional)").FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add account" }).ClickAsync();
    }

    /// <summary>Creates a fixed-amount link and returns its public URL from the details page it lands on.</summary>
    public async Task<string> CreateFixedLinkAsync(string title, string amount)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Payment links" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New payment link" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Fixed amount (KES)").FillAsync(amount);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync(title);
        return await page.GetByLabel("Public URL").InputValueAsync();
    }

    public async Task OpenTransactionsAsync()
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Transactions" }).ClickAsync();
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator TransactionRows => page.Locator("table.data tbody tr");
}
