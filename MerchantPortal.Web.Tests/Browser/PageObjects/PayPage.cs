using Microsoft.Playwright;

namespace MerchantPortal.Web.Tests.Browser.PageObjects;

/// <summary>The customer's pay page, by what a customer does on it.</summary>
public sealed class PayPage(IPage page)
{
    public async Task OpenAsync(string url) => await page.GotoAsync(url);

    public async Task PayWithAsync(string phone, string? amount = null)
    {
        if (amount is not null)
        {
            await page.GetByLabel("Amount (KES)").FillAsync(amount);
        }

        await page.GetByLabel("M-Pesa phone number").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay with M-Pesa" }).ClickAsync();
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Card => page.Locator("#payment");

    /// <summary>True when the page needs no horizontal scroll at the viewport's width.</summary>
    public Task<bool> FitsTheScreenAsync() => page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth");

    public ILocator FieldError => page.Locator(".field-error");

    /// <summary>Sends the prompt again to the same phone.</summary>
    public async Task TryAgainAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();

    /// <summary>Back to the form, to pay from another phone.</summary>
    public async Task UseAnotherNumberAsync() => await page.GetByRole(AriaRole.Link, new() { Name = "Use another number" }).ClickAsync();
}
