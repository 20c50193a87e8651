using System.Globalization;
using System.Text;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>
/// The filtered transactions as CSV for a bookkeeper, streamed row by row from the database so memory stays
/// constant however many rows there are.
/// </summary>
public sealed class TransactionExportService(PortalDbContext db)
{
    private static readonly string[] Header =
    [
        "Date (Nairobi)", "Transaction ID", "Status", "Amount (KES)", "Phone", "Payment account", "Payment link",
        "M-Pesa receipt", "Result code", "Result description", "Completed (Nairobi)", "Checkout request ID",
    ];

    /// <summary>Checks the filter first, so a bad one is an error page and not half a file.</summary>
    public static Result<ResolvedFilter> Check(TransactionFilter filter) => TransactionFilters.Resolve(filter);

    public async Task WriteCsvAsync(string merchantId, ResolvedFilter filter, Stream output, CancellationToken cancellationToken)
    {
        // A byte-order mark so spreadsheet programs read the file as UTF-8, and CRLF lines as RFC 4180 says.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
        await writer.WriteLineAsync(string.Join(',', Header.Select(Cell)));
        var rows = TransactionFilters.Apply(db.Transactions.AsNoTracking().Where(t => t.MerchantId == merchantId), filter)
            .OrderByDescending(t => t.Id)
            .AsAsyncEnumerable();
        var line = new StringBuilder();
        await foreach (var t in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            line.AppendJoin(',', new[]
            {
                Nairobi.ToLocal(t.CreatedAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                t.PublicId,
                t.Status,
                t.Amount.ToString(CultureInfo.InvariantCulture),
                t.Phone,
                t.PaymentId,
                t.LinkPublicId ?? "",
                t.Receipt ?? "",
                t.ResultCode ?? "",
                t.ResultDesc ?? "",
                t.CompletedAt is { } done ? Nairobi.ToLocal(done).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "",
                t.CheckoutRequestId ?? "",
            }.Select(Cell));
            await writer.WriteLineAsync(line, cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula
    /// (Daraja's result descriptions are not ours to trust).
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
