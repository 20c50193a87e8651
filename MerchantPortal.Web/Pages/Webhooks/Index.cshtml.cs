using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Webhooks;

/// <summary>The merchant's webhook endpoints, request callback secret and recent deliveries, with add, delete, roll and resend.</summary>
public sealed class IndexModel(WebhookService webhooks, RequestCallbackSecrets callbackSecrets) : PageModel
{
    private const string NewSecretSlot = "NewWebhookSecret";

    public IReadOnlyList<WebhookDto> Endpoints { get; private set; } = [];

    public IReadOnlyList<DeliveryDto> Deliveries { get; private set; } = [];

    public string? NewSecret { get; private set; }

    /// <summary>The secret signing api_stk's callback_url events; null if it can no longer be decrypted.</summary>
    public string? CallbackSecret { get; private set; }

    [BindProperty]
    [Display(Name = "Endpoint URL")]
    public string? EndpointUrl { get; set; }

    [BindProperty]
    public List<string> Events { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NewSecret = TempData[NewSecretSlot] as string;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var result = await webhooks.SaveAsync(User.MerchantId(),
            new SaveWebhookRequest(null, EndpointUrl, Events.Count == 0 ? null : string.Join(',', Events), null, null), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, ("url", nameof(EndpointUrl)), ("events", nameof(Events)));
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData[NewSecretSlot] = result.Value!.Secret;
        TempData["StatusMessage"] = $"Webhook to {result.Value.Webhook.Url} added.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        var result = await webhooks.DeleteAsync(User.MerchantId(), id, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = "Webhook deleted.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(string id, CancellationToken cancellationToken)
    {
        var result = await webhooks.SendTestAsync(User.MerchantId(), id, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = $"Test event {result.Value!.EventId} queued for {result.Value.Url}: its answer appears under Recent deliveries.";
        return RedirectToPage();
    }

    /// <summary>Turns an endpoint off (no new events are written for it) or back on.</summary>
    public async Task<IActionResult> OnPostSwitchAsync(string id, bool on, CancellationToken cancellationToken)
    {
        var result = await webhooks.SaveAsync(User.MerchantId(), new SaveWebhookRequest(id, null, null, on ? "1" : "0", null), cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = $"Webhook to {result.Value!.Webhook.Url} turned {(on ? "on" : "off")}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRollCallbackSecretAsync(CancellationToken cancellationToken)
    {
        await callbackSecrets.RollAsync(User.MerchantId(), cancellationToken);
        TempData["StatusMessage"] = "New request callback secret: callbacks are signed with it from now on.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResendAsync(string id, CancellationToken cancellationToken)
    {
        var result = await webhooks.RedeliverAsync(User.MerchantId(), id, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = $"Event {result.Value!.EventId} will be sent again.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Endpoints = await webhooks.ListAsync(User.MerchantId(), cancellationToken);
        Deliveries = await webhooks.DeliveriesAsync(User.MerchantId(), null, cancellationToken);
        CallbackSecret = await callbackSecrets.GetOrCreateAsync(User.MerchantId(), cancellationToken);
        // The request callback secret is on the page every time.
        Response.Headers.CacheControl = "no-store";
    }
}
