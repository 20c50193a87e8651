using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Features.Statements;

/// <summary>
/// Reads an M-Pesa statement export line by line, holding one line at a time, so a statement of any length takes the
/// same memory. Lines before the header (the export's title, account and period) are skipped; a line the portal
/// cannot read stops the import with a <see cref="StatementFormatException"/> naming it.
/// </summary>
public static class StatementCsvReader
{
    /// <summary>The header is looked for this far: the export's preamble is a handful of lines.</summary>
    public const int MaxPreambleLines = 50;

    /// <summary>A quoted field may run over line ends, but a quote left open would swallow the rest of the file.</summary>
    private const int MaxLinesPerRecord = 20;

    /// <summary>Day first, as Kenya writes dates; seconds optional; ISO as some tools re-save it.</summary>
    private static readonly string[] TimeFormats =
    [
        "dd-MM-yyyy HH:mm:ss", "dd-MM-yyyy HH:mm", "d-M-yyyy H:mm:ss", "d-M-yyyy H:mm",
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm:ss", "d/M/yyyy H:mm",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy/MM/dd HH:mm:ss",
    ];

    public static async IAsyncEnumerable<StatementLine> ReadAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The BOM a spreadsheet writes is detected and dropped here; without one the file is read as UTF-8.
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var records = new RecordReader(reader);
        StatementColumns? columns = null;
        while (await records.NextAsync(cancellationToken) is { } cells)
        {
            if (columns is null)
            {
                if (StatementColumns.IsHeader(cells))
                {
                    columns = StatementColumns.Read(cells, records.StartLine);
                }
                else if (records.StartLine >= MaxPreambleLines)
                {
                    break;
                }

                continue;
            }

            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return Parse(cells, columns, records.StartLine);
        }

        if (columns is null)
        {
            throw new StatementFormatException(Math.Min(records.StartLine, MaxPreambleLines),
                $"No header line with “Receipt No.”, “Completion Time” and “Paid In” in the first {MaxPreambleLines} lines: " +
                "upload the statement as the M-Pesa portal exports it (CSV).");
        }
    }

    private static StatementLine Parse(List<string> cells, StatementColumns columns, int line)
    {
        if (cells.Count < columns.Width)
        {
            throw new StatementFormatException(line, $"Line {line} has {cells.Count} fields; the header needs at least {columns.Width}.");
        }

        // An unquoted "1,500.00" splits in two and moves every later column: refuse rather than misread amounts.
        if (cells.Count > columns.Fields)
        {
            throw new StatementFormatException(line,
                $"Line {line} has {cells.Count} fields where the header has {columns.Fields}: a field with a comma (such as 1,500.00) must be in quotes.");
        }

        string Cell(int index) => cells[index].Trim();
        var status = Cell(columns.Status);
        var paidIn = Amount(Cell(columns.PaidIn), "Paid In", line);
        var completedAt = Time(Cell(columns.CompletionTime), line);
        var receipt = Cell(columns.Receipt).ToUpperInvariant();
        var entry = new StatementLine(line, receipt, completedAt, Cell(columns.Details), status, paidIn,
            Amount(Cell(columns.Withdrawn), "Withdrawn", line), Cell(columns.Balance).Length == 0 ? null : Amount(Cell(columns.Balance), "Balance", line),
            Cell(columns.OtherParty), Cell(columns.AccountNumber));
        if (entry.IsMoneyIn && (completedAt is null || !IsReceipt(receipt)))
        {
            throw new StatementFormatException(line, completedAt is null
                ? $"Line {line}: a completed payment in has no completion time."
                : $"Line {line}: “{Shorten(receipt)}” is not an M-Pesa receipt number.");
        }

        return entry;
    }

    /// <summary>Receipts are ten capitals and digits today; up to twenty are taken, as the portal stores them.</summary>
    private static bool IsReceipt(string value) => value.Length is >= 6 and <= 20 && value.All(char.IsAsciiLetterOrDigit);

    private static decimal Amount(string text, string column, int line)
    {
        // An empty cell, or a dash, is no money that way.
        if (text.Length == 0 || text == "-")
        {
            return 0;
        }

        const NumberStyles Styles = NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign;
        return decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new StatementFormatException(line, $"Line {line}: “{Shorten(text)}” in “{column}” is not an amount.");
    }

    private static DateTimeOffset? Time(string text, int line)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, Nairobi.Offset).ToUniversalTime()
            : throw new StatementFormatException(line, $"Line {line}: “{Shorten(text)}” in “Completion Time” is not a date and time (day-month-year hours:minutes:seconds).");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Splits CSV records (RFC 4180 quoting; a quoted field may hold commas, quotes and line ends).</summary>
    private sealed class RecordReader(StreamReader reader)
    {
        private readonly List<string> cells = [];
        private readonly StringBuilder field = new();
        private int lineNumber;

        /// <summary>The line the record last read starts on.</summary>
        public int StartLine { get; private set; }

        public async Task<List<string>?> NextAsync(CancellationToken cancellationToken)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return null;
            }

            StartLine = ++lineNumber;
            CheckText(line);
            cells.Clear();
            if (!line.Contains('"', StringComparison.Ordinal))
            {
                cells.AddRange(line.Split(','));
                return cells;
            }

            field.Clear();
            var quoted = false;
            while (true)
            {
                quoted = Split(line, quoted);
                if (!quoted)
                {
                    break;
                }

                line = await reader.ReadLineAsync(cancellationToken);
                if (line is null || ++lineNumber - StartLine >= MaxLinesPerRecord)
                {
                    throw new StatementFormatException(StartLine, $"Line {StartLine}: a quote opened on this line is never closed.");
                }

                CheckText(line);
                field.Append('\n');
            }

            cells.Add(field.ToString());
            return cells;
        }

        /// <summary>Adds the line's complete fields; the last stays in <see cref="field"/>. True when it ends inside quotes.</summary>
        private bool Split(string line, bool quoted)
        {
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == ',')
                {
                    cells.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '"' && field.ToString().Trim().Length == 0)
                {
                    field.Clear();
                    quoted = true;
                }
                else
                {
                    field.Append(c);
                }
            }

            return quoted;
        }

        /// <summary>A PDF or a spreadsheet uploaded by mistake: say so, not that its first line lacks a header.</summary>
        private void CheckText(string line)
        {
            if (line.Contains('\0', StringComparison.Ordinal)
                || (lineNumber == 1 && (line.StartsWith("%PDF", StringComparison.Ordinal) || line.StartsWith("PK\u0003\u0004", StringComparison.Ordinal))))
            {
                throw new StatementFormatException(lineNumber,
                    $"Line {lineNumber} is not text: this is not a CSV file. Export the statement from the M-Pesa portal as CSV.");
            }
        }
    }
}
