using System.Globalization;
using System.Text.Json;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.RequestLogs;

/// <summary>What the log is narrowed to; every field optional, as sent (the service checks them).</summary>
/// <param name="Key">An API key's label or prefix (<c>sk_…</c>).</param>
/// <param name="From">A Nairobi day, yyyy-mm-dd.</param>
public sealed record RequestLogFilter(string? Action, string? HttpStatus, string? Key, string? From, string? To);

/// <param name="Fields">The request's fields, secrets removed and phones masked.</param>
public sealed record RequestLogDto(
    string Id, long At, string Action, string? KeyLabel, string? KeyPrefix, int HttpStatus, string? Code, int DurationMs,
    string? IdempotencyKey, string? ClientIp, string CorrelationId, bool Livemode, JsonElement Fields);

public sealed record RequestLogPage(IReadOnlyList<RequestLogDto> Requests, string? NextCursor);

/// <summary>A merchant's API request log (Developers → Logs and <c>request_logs</c>), newest first, a page at a time.</summary>
public sealed class RequestLogService(PortalDbContext db, PageCursors cursors)
{
    private const string CursorList = "request_logs";

    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 100;

    public async Task<Result<RequestLogPage>> ListAsync(
        string merchantId, RequestLogFilter filter, string? cursor, string? limit, CancellationToken cancellationToken)
    {
        var size = PageLimit.Parse(Blank(limit), DefaultPageSize, MaxPageSize);
        if (!size.Succeeded)
        {
            return size.Error!;
        }

        var query = db.ApiRequestLogs.AsNoTracking().Where(e => e.MerchantId == merchantId);
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            if (!cursors.TryDecode(CursorList, merchantId, cursor, out var after))
            {
                return ServiceError.Invalid("invalid_cursor", "cursor is not one this API gave out.", "cursor");
            }

            query = query.Where(e => e.Id < after);
        }

        var narrowed = await NarrowAsync(query, merchantId, filter, cancellationToken);
        if (!narrowed.Succeeded)
        {
            return narrowed.Error!;
        }

        var rows = await Labelled(narrowed.Value!).Take(size.Value + 1).ToListAsync(cancellationToken);
        return new RequestLogPage([.. rows.Take(size.Value).Select(ToDto)],
            rows.Count > size.Value ? cursors.Encode(CursorList, merchantId, rows[size.Value - 1].Row.Id) : null);
    }

    public async Task<Result<RequestLogDto>> GetAsync(string merchantId, string requestId, CancellationToken cancellationToken)
    {
        var found = await Labelled(db.ApiRequestLogs.AsNoTracking().Where(e => e.MerchantId == merchantId && e.PublicId == requestId))
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? ServiceError.NotFound("request_log_not_found", "No such request in this merchant's log.") : ToDto(found);
    }

    /// <summary>The entries newest first with their key's label, read live (a renamed or revoked key reads as it is now).</summary>
    private IQueryable<LabelledEntry> Labelled(IQueryable<ApiRequestLog> entries) =>
        from e in entries
        join k in db.ApiKeys on new { e.MerchantId, Prefix = e.KeyPrefix } equals new { k.MerchantId, Prefix = (string?)k.Prefix } into keys
        from k in keys.DefaultIfEmpty()
        orderby e.Id descending
        select new LabelledEntry { Row = e, Label = k == null ? null : k.Label };

    private static RequestLogDto ToDto(LabelledEntry entry)
    {
        var r = entry.Row;
        return new RequestLogDto(r.PublicId, r.At.ToUnixTimeSeconds(), r.Action, entry.Label, r.KeyPrefix, r.Status, r.ErrorCode, r.DurationMs,
            r.IdempotencyKey, r.ClientIp, r.CorrelationId, r.Livemode, JsonDocument.Parse(r.Fields).RootElement.Clone());
    }

    private sealed class LabelledEntry
    {
        public ApiRequestLog Row { get; init; } = null!;

        public string? Label { get; init; }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private async Task<Result<IQueryable<ApiRequestLog>>> NarrowAsync(
        IQueryable<ApiRequestLog> query, string merchantId, RequestLogFilter filter, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.HttpStatus))
        {
            if (!int.TryParse(filter.HttpStatus, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status is < 100 or > 599)
            {
                return ServiceError.Invalid("invalid_http_status", "http_status must be an HTTP status such as 200 or 400.", "http_status");
            }

            query = query.Where(e => e.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Key))
        {
            var key = filter.Key.Trim();
            var prefixes = await db.ApiKeys.Where(k => k.MerchantId == merchantId && (k.Label == key || k.Prefix == key)).Select(k => k.Prefix).ToListAsync(cancellationToken);
            query = query.Where(e => e.KeyPrefix != null && prefixes.Contains(e.KeyPrefix));
        }

        var days = DayRange.Parse(Blank(filter.From), Blank(filter.To));
        if (!days.Succeeded)
        {
            return days.Error!;
        }

        if (days.Value.From is { } start)
        {
            query = query.Where(e => e.At >= start);
        }

        if (days.Value.Before is { } before)
        {
            query = query.Where(e => e.At < before);
        }

        return Result<IQueryable<ApiRequestLog>>.Ok(query);
    }
}
