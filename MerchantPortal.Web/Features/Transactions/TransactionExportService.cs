using System.Globalization;
using System.Text;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>
/// The filtered transactions as CSV for a bookkeeper, streamed row by row from the database so memory stays
/// constant however many rows there are. The page's columns, in its words, and the ids a bookkeeper may need.
/// </summary>
public sealed class TransactionExportService(PortalDbContext db, TimeProvider time, Members.BusinessAuditLog audit)
{
    private const int ChunkSize = 32 * 1024;

    private static readonly string[] Header =
    [
        "Date (Nairobi)", "Transaction ID", "Status", "Amount (KES)", "Phone", "Payment account", "Payment link", "Link title",
        "Reference", "Description", "M-Pesa receipt", "Result code", "Result description", "Completed (Nairobi)", "Checkout request ID",
        "Channel", "Bill ref", "Payer name",
    ];

    /// <summary>Checks the filter first, so a bad one is an error page and not half a file.</summary>
    public static Result<ResolvedFilter> Check(TransactionFilter filter) => TransactionFilters.Resolve(filter);

    /// <summary>The download's name, in the Nairobi time the merchant lives in: transactions-2026-12-01-0930.csv.</summary>
    public string FileName() =>
        "transactions-" + Nairobi.ToLocal(time.GetUtcNow()).ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture) + ".csv";

    public async Task WriteCsvAsync(string merchantId, ResolvedFilter filter, Stream output, CancellationToken cancellationToken)
    {
        // Who took the business's payments away in a file, and when: recorded before the first byte goes out.
        await audit.RecordAsync(merchantId, Members.BusinessAuditActions.Export, "transactions", null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // A byte-order mark so spreadsheet programs read the file as UTF-8, and CRLF lines as RFC 4180 says.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
        await writer.WriteLineAsync(string.Join(',', Header.Select(Cell)));
        var filtered = TransactionFilters.Apply(db.Transactions.AsNoTracking().Where(t => t.MerchantId == merchantId), filter);
        // The merchant's link titles once (deleted links too, as NewestFirst reads them), rather than joined on every row:
        // the join took two thirds of a million-row export's time in PostgreSQL. A merchant has few links.
        var titles = await db.PaymentLinks.AsNoTracking().Where(l => l.MerchantId == merchantId)
            .Select(l => new { l.Id, l.Title }).ToDictionaryAsync(l => l.Id, l => l.Title, cancellationToken);
        // Rows are gathered into a chunk written about every 32 KB: one asynchronous write per row was most of the time
        // a million-row export took.
        var chunk = new StringBuilder(ChunkSize + 2048);
        await foreach (var row in filtered.OrderByDescending(t => t.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var t = TransactionRows.ToRow(new LinkedTransaction
            {
                Row = row,
                LinkTitle = row.PaymentLinkId is { } linkId && titles.TryGetValue(linkId, out var title) ? title : null,
            });
            chunk.AppendJoin(',',
                Cell(Nairobi.ToLocal(t.CreatedAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                Cell(t.Id),
                Cell(StatusWords.Of(t.Status)),
                Cell(t.Amount.ToString(CultureInfo.InvariantCulture)),
                TextCell(Phones.ToLocal(t.Phone)),
                Cell(t.PaymentId),
                Cell(t.LinkId ?? ""),
                Cell(t.LinkTitle ?? ""),
                Cell(t.Reference),
                Cell(t.Description ?? ""),
                TextCell(t.Receipt ?? ""),
                Cell(t.ResultCode ?? ""),
                Cell(t.ResultDesc ?? ""),
                Cell(t.CompletedAt is { } done ? Nairobi.ToLocal(done).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : ""),
                Cell(t.CheckoutRequestId ?? ""),
                Cell(ChannelWords.Of(t.Channel)),
                Cell(t.BillRef ?? ""),
                Cell(t.PayerName ?? ""));
            chunk.Append(writer.NewLine);
            if (chunk.Length >= ChunkSize)
            {
                await writer.WriteAsync(chunk, cancellationToken);
                chunk.Clear();
            }
        }

        await writer.WriteAsync(chunk, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula
    /// (Daraja's result descriptions, link titles and descriptions are not ours to trust).
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return Quote(value);
    }

    /// <summary>
    /// A phone or receipt kept as text when the file is opened in a spreadsheet: <c>="0712345678"</c>. Read as a
    /// number, 0712345678 loses its leading zero and a receipt like 1234E56789 becomes 1.234E+56789. A formula whose
    /// result is the string is the form Excel and Google Sheets both show as that text (LibreOffice too, when its CSV
    /// import evaluates formulas); a leading tab is whitespace an importer may trim before reading the number. Only values of
    /// ASCII letters and digits are wrapped, so no formula but this string can be built from data; anything else
    /// (a receipt Daraja sent oddly) goes through <see cref="Cell"/>'s defusing instead.
    /// </summary>
    public static string TextCell(string value) =>
        value.Length > 0 && value.All(char.IsAsciiLetterOrDigit) ? Quote("=\"" + value + "\"") : Cell(value);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
