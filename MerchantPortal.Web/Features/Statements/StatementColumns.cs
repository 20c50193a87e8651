namespace MerchantPortal.Web.Features.Statements;

/// <summary>
/// Where the columns the portal needs sit in a statement's header. The organisation portal's export names them
/// ("Receipt No.", "Completion Time", "A/C No."…); a header is recognised by name whatever its case, spacing and
/// punctuation, in any order, and columns the portal does not need are ignored (docs/mpesa-statement.md).
/// </summary>
public sealed record StatementColumns(
    int Receipt, int CompletionTime, int Details, int Status, int PaidIn, int Withdrawn, int Balance, int OtherParty, int AccountNumber)
{
    /// <summary>The needed columns, each with the name the export gives it and the spellings accepted for it.</summary>
    private static readonly (string Name, string[] Keys)[] Needed =
    [
        ("Receipt No.", ["receiptno", "receipt", "receiptnumber"]),
        ("Completion Time", ["completiontime"]),
        ("Details", ["details"]),
        ("Transaction Status", ["transactionstatus", "status"]),
        ("Paid In", ["paidin"]),
        ("Withdrawn", ["withdrawn"]),
        ("Balance", ["balance"]),
        ("Other Party Info", ["otherpartyinfo", "otherparty"]),
        ("A/C No.", ["acno", "accountno", "accountnumber"]),
    ];

    /// <summary>The fewest fields a line must have to hold every needed column.</summary>
    public int Width { get; private init; }

    /// <summary>The header's own number of fields.</summary>
    public int Fields { get; private init; }

    /// <summary>Whether a line is the header: it names the receipt column (lines before it are the preamble).</summary>
    public static bool IsHeader(IReadOnlyList<string> cells) => cells.Any(c => Needed[0].Keys.Contains(Key(c)));

    /// <summary>The columns of a header line, or the error naming the first needed column it lacks.</summary>
    public static StatementColumns Read(IReadOnlyList<string> cells, int line)
    {
        var keys = cells.Select(Key).ToList();
        var at = new int[Needed.Length];
        for (var i = 0; i < Needed.Length; i++)
        {
            // The first column of a name wins, as a spreadsheet's lookup would.
            at[i] = keys.FindIndex(k => Needed[i].Keys.Contains(k));
            if (at[i] < 0)
            {
                throw new StatementFormatException(line, $"Line {line}: the header has no “{Needed[i].Name}” column.");
            }
        }

        return new StatementColumns(at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7], at[8]) { Width = at.Max() + 1, Fields = cells.Count };
    }

    /// <summary>"Receipt No.", "receipt no" and "RECEIPT_NO" are one name: letters and digits, lower case.</summary>
    private static string Key(string cell) => string.Concat(cell.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
