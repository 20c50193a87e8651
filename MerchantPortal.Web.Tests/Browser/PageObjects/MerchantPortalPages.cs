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

    /// <summary>From the dashboard's checklist: adds a paybill or a till.</summary>
    public async Task AddAccountAsync(string type, string number, string? reference = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a payment account" }).ClickAsync();
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = type });
        await page.GetByLabel("Paybill or till number").FillAsync(number);
        if (reference is not null)
        {
            await page.GetByLabel("Account reference (optional)").FillAsync(reference);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Add account" }).ClickAsync();
    }

    public async Task SignInAsync(string login, string password)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Username or email").FillAsync(login);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public PortalMenu Menu { get; } = new(page);

    public async Task SignOutAsync() => await Menu.SignOutAsync();

    /// <summary>Generates a key on the API keys page and returns it as shown once.</summary>
    public async Task<string> GenerateApiKeyAsync(string label)
    {
        await Menu.GoAsync("API keys", "Developers");
        await page.GetByLabel("Label").FillAsync(label);
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate a key" }).ClickAsync();
        return await page.GetByLabel("API key").InputValueAsync();
    }

    public async Task RevokeApiKeyAsync(string label)
    {
        var row = page.Locator("tr", new() { HasText = label });
        await row.GetByText("Revoke", new() { Exact = true }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke" }).ClickAsync();
    }

    /// <summary>Turns on authenticator sign-in and returns the shared key the app would scan.</summary>
    public async Task<string> EnableTwoFactorAsync(Func<string, string> codeFor)
    {
        await page.GotoAsync("/Identity/Account/Manage/TwoFactor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await page.GetByLabel("Code from the app").FillAsync(codeFor(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify and turn on" }).ClickAsync();
        return key;
    }

    public async Task EnterSecondFactorAsync(string code)
    {
        await page.GetByLabel("Code from your authenticator app").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Downloads the transactions CSV as the page's link does, with this browser's session.</summary>
    public async Task<string> ExportCsvAsync()
    {
        await OpenTransactionsAsync();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download these transactions as CSV" }).ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path!);
    }

    /// <summary>Creates a fixed-amount link and returns its short pay page address from the details page it lands on.</summary>
    public async Task<string> CreateFixedLinkAsync(string title, string amount)
    {
        await Menu.GoAsync("Links");
        await page.GetByRole(AriaRole.Link, new() { Name = "New payment link" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Fixed amount (KES)").FillAsync(amount);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync(title);
        return await page.GetByLabel("Pay page address").InputValueAsync();
    }

    public async Task OpenTransactionsAsync() => await Menu.GoAsync("Payments");

    public async Task OpenDashboardAsync() => await Menu.GoAsync("Home");

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator TransactionRows => page.Locator("table.data tbody tr");
}
