using Microsoft.Playwright;

namespace MerchantPortal.Web.Tests.Browser.PageObjects;

/// <summary>The merchant's Billing page, by what a merchant does on it.</summary>
public sealed class BillingPage(IPage page)
{
    public async Task OpenAsync() =>
        await new PortalMenu(page).GoAsync("Billing", "Settings");

    /// <summary>Pays for a plan (the current one when none is named) from a phone.</summary>
    public async Task RenewWithAsync(string phone, string? plan = null)
    {
        if (plan is not null)
        {
            await page.GetByRole(AriaRole.Radio, new() { Name = plan }).CheckAsync();
        }

        await page.GetByLabel("M-Pesa phone number").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay with M-Pesa" }).ClickAsync();
    }

    /// <summary>The subscription's state, in words.</summary>
    public ILocator State => page.GetByRole(AriaRole.Region, new() { Name = "Your subscription" }).Locator(".badge");

    /// <summary>The followed renewal's heading: "Check your phone", then "Payment received" or "Payment not completed".</summary>
    public ILocator Outcome => page.Locator("#payment").GetByRole(AriaRole.Heading);

    public ILocator HistoryRows => page.Locator("table.data tbody tr");
}
