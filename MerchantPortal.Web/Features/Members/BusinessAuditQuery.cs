using System.Text;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Members;

/// <summary>Which entries of a business's audit log to show: every field optional; dates are Nairobi days (yyyy-MM-dd), inclusive.</summary>
public sealed record BusinessAuditFilter(string? Action, string? Actor, string? From, string? To);

public sealed record BusinessAuditRow(DateTimeOffset At, string ActorName, string Action, string Target, string? Detail, string? Ip);

public sealed record BusinessAuditPage(IReadOnlyList<BusinessAuditRow> Entries, int Page, bool HasMore);

/// <summary>
/// Reads a business's audit log for its owners and admins: newest first, a page at a time, filtered by action, by who
/// (any part of the name) and by dates; and the same selection as CSV (at most <see cref="MaxCsvRows"/> rows).
/// </summary>
public sealed class BusinessAuditQuery(PortalDbContext db)
{
    public const int PageSize = 50;
    public const int MaxCsvRows = 50_000;

    /// <summary>The verbs the filter offers, in the order people read them.</summary>
    public static readonly string[] Actions =
    [
        BusinessAuditActions.SignIn, BusinessAuditActions.MemberInvite, BusinessAuditActions.MemberInviteWithdraw, BusinessAuditActions.MemberJoin,
        BusinessAuditActions.MemberRoleChange, BusinessAuditActions.MemberRemove, BusinessAuditActions.TwoFactorRequirement,
        BusinessAuditActions.ApiKeyCreate, BusinessAuditActions.ApiKeyRevoke, BusinessAuditActions.AccountSave, BusinessAuditActions.AccountDelete,
        BusinessAuditActions.AccountCredentials, BusinessAuditActions.InitiatorChange, BusinessAuditActions.WebhookSave, BusinessAuditActions.WebhookDelete,
        BusinessAuditActions.ReversalRequest, BusinessAuditActions.ReversalApprove, BusinessAuditActions.ReversalDecline,
        BusinessAuditActions.ReversalThreshold, BusinessAuditActions.Export,
    ];

    public async Task<Result<BusinessAuditPage>> ListAsync(string merchantId, BusinessAuditFilter filter, int page, CancellationToken cancellationToken)
    {
        var query = Filtered(merchantId, filter);
        if (!query.Succeeded)
        {
            return query.Error!;
        }

        page = Math.Clamp(page, 1, 10_000);
        var rows = await query.Value!.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new BusinessAuditRow(a.At, a.ActorName, a.Action, a.Target, a.Detail, a.Ip)).ToListAsync(cancellationToken);
        return new BusinessAuditPage([.. rows.Take(PageSize)], page, rows.Count > PageSize);
    }

    public async Task<Result<string>> CsvAsync(string merchantId, BusinessAuditFilter filter, CancellationToken cancellationToken)
    {
        var query = Filtered(merchantId, filter);
        if (!query.Succeeded)
        {
            return query.Error!;
        }

        var rows = await query.Value!.OrderByDescending(a => a.Id).Take(MaxCsvRows)
            .Select(a => new BusinessAuditRow(a.At, a.ActorName, a.Action, a.Target, a.Detail, a.Ip)).ToListAsync(cancellationToken);
        var csv = new StringBuilder("time (Nairobi),who,action,target,detail,address\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', Transactions.TransactionExportService.Cell(Nairobi.FormatPrecise(r.At)), Transactions.TransactionExportService.Cell(r.ActorName),
                Transactions.TransactionExportService.Cell(r.Action), Transactions.TransactionExportService.Cell(r.Target),
                Transactions.TransactionExportService.Cell(r.Detail ?? ""), Transactions.TransactionExportService.Cell(r.Ip ?? "")).Append("\r\n");
        }

        return csv.ToString();
    }

    private Result<IQueryable<Data.Entities.BusinessAuditEntry>> Filtered(string merchantId, BusinessAuditFilter filter)
    {
        var query = db.BusinessAudit.AsNoTracking().Where(a => a.MerchantId == merchantId);
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            if (!Actions.Contains(filter.Action))
            {
                return ServiceError.Invalid("invalid_action", "action is not one of the audit log's actions.", "action");
            }

            query = query.Where(a => a.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var who = filter.Actor.Trim();
            query = query.Where(a => a.ActorName.Contains(who));
        }

        if (!Day(filter.From, out var from) || !Day(filter.To, out var to))
        {
            return ServiceError.Invalid("invalid_date", "Dates are days written yyyy-mm-dd.", "from");
        }

        if (from is { } start)
        {
            var since = Nairobi.StartOfDay(start);
            query = query.Where(a => a.At >= since);
        }

        if (to is { } end)
        {
            var until = Nairobi.StartOfDay(end.AddDays(1));
            query = query.Where(a => a.At < until);
        }

        return Result<IQueryable<Data.Entities.BusinessAuditEntry>>.Ok(query);
    }

    private static bool Day(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }
}
