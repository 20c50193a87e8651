using FluentValidation;

namespace MerchantPortal.Web.Features.Webhooks;

public static class WebhookEvents
{
    public const string Succeeded = "transaction.succeeded";
    public const string Failed = "transaction.failed";
    public const string Cancelled = "transaction.cancelled";
    public const string Timeout = "transaction.timeout";

    /// <summary>M-Pesa did not answer within the horizon; a final event follows if it answers later.</summary>
    public const string Unknown = "transaction.unknown";
    public const string LinkPaid = "link.paid";

    /// <summary>A paid payment's data changed without a move: its M-Pesa receipt arrived after a query had settled it.</summary>
    public const string Updated = "transaction.updated";

    /// <summary>A paid payment was given back by an M-Pesa reversal; <c>data.transaction.reversal</c> says who and why.</summary>
    public const string Reversed = "transaction.reversed";

    public static readonly string[] All = [Succeeded, Failed, Cancelled, Timeout, Unknown, Updated, Reversed, LinkPaid];

    /// <summary>
    /// Sent only when the merchant asks ("Send a test event"), to one endpoint whatever its event list: it is not one
    /// of <see cref="All"/>, so no endpoint subscribes to it and no payment raises it.
    /// </summary>
    public const string Test = "webhook.test";

    /// <summary>The version of the payload's shape, sent with every event.</summary>
    public const string ApiVersion = "2026-11-01";
}

/// <summary><c>save_webhook</c>: with <c>WebhookId</c> it updates that endpoint; <c>RollSecret</c> issues a new secret.</summary>
public sealed record SaveWebhookRequest(string? WebhookId, string? Url, string? Events, string? Enabled, string? RollSecret);

public sealed record WebhookDto(string Id, string Url, IReadOnlyList<string> Events, bool Enabled, long CreatedAt, long? FailingSince, string? DisabledReason);

public sealed record SavedWebhook(WebhookDto Webhook, string? Secret);

/// <summary>A delivery: <c>WebhookId</c> is null for one sent to an api_stk request's own <c>callback_url</c>.</summary>
public sealed record DeliveryDto(
    string Id, string? WebhookId, string Url, string EventId, string Type, string Status, int Attempts, int? LastStatusCode,
    string? LastResponse, int? LastDurationMs, long CreatedAt, long? DeliveredAt, long? NextAttemptAt, string Payload);

public sealed class SaveWebhookRequestValidator : AbstractValidator<SaveWebhookRequest>
{
    public SaveWebhookRequestValidator(WebhookTargetGuard guard)
    {
        RuleFor(r => r.Url)
            .NotEmpty().When(r => r.WebhookId is null).WithErrorCode("invalid_url").WithMessage("url is required.");
        RuleFor(r => r.Url).WebhookTarget(guard, "invalid_url").When(r => r.Url is not null);
        RuleFor(r => r.Events)
            .Must(e => Parse(e).All(WebhookEvents.All.Contains)).When(r => r.Events is not null)
            .WithErrorCode("invalid_events").WithMessage("events must be a comma-separated list of: " + string.Join(", ", WebhookEvents.All) + ".");
        RuleFor(r => r.Enabled)
            .Must(e => e is "1" or "0" or "true" or "false").When(r => r.Enabled is not null)
            .WithErrorCode("invalid_enabled").WithMessage("enabled must be true or false.");
    }

    public static string[] Parse(string? events) =>
        (events ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
}
