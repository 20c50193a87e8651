using System.Text;
using MerchantPortal.Web.Features.Statements;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>The M-Pesa statement reader: the export's shape, its quirks, and each bad file named by its line.</summary>
public sealed class StatementCsvReaderTests
{
    private const string Header = "Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.";

    [Fact]
    public async Task ReadsTheExportAfterItsPreambleWithQuotedAmountsAndNairobiTimes()
    {
        var lines = await ReadAsync(
            "Account Holder:,Duka la Juma",
            "Short Code:,600123",
            "Time Period:,01-11-2026 - 30-11-2026",
            "",
            Header,
            "UKA1B2C3D4,03-11-2026 10:15:00,03-11-2026 10:14:58,Pay Bill from 254712345678 - JANE DOE Acc. TEA50,Completed,\"1,500.00\",,\"12,345.50\",true,Pay Bill,254712345678 - JANE DOE,,TEA50",
            "UKA1B2C3D5,03-11-2026 11:00:00,03-11-2026 11:00:00,Business Pay Bill Charge,Completed,,-15.00,\"12,330.50\",true,Pay Bill Fee Charge,,UKA1B2C3D4,");

        Assert.Equal(2, lines.Count);
        var paid = lines[0];
        Assert.Equal((6, "UKA1B2C3D4", 1500.00m, "TEA50", "254712345678 - JANE DOE"), (paid.LineNumber, paid.Receipt, paid.PaidIn, paid.AccountNumber, paid.OtherParty));
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 7, 15, 0, TimeSpan.Zero), paid.CompletedAt);
        Assert.Equal(12345.50m, paid.Balance);
        Assert.True(paid.IsMoneyIn);
        Assert.Equal(-15.00m, lines[1].Withdrawn);
        Assert.False(lines[1].IsMoneyIn);
    }

    [Fact]
    public async Task TakesTheHeaderInAnyOrderAndCaseWithExtraColumnsABomAndCrlf()
    {
        var text = "\uFEFFbalance,A/C NO,extra,other party info,paid in,WITHDRAWN,transaction status,details,completion time,receipt no\r\n"
            + "100,X1,ignored,\"0712 - A, B\",100,,Completed,\"Pay Bill \"\"quoted\"\"\",2026-11-03 10:15:00,uka1b2c3d4\r\n";

        var lines = await ReadAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text[1..])).ToArray());

        var line = Assert.Single(lines);
        Assert.Equal(("UKA1B2C3D4", 100m, "X1", "0712 - A, B", "Pay Bill \"quoted\""), (line.Receipt, line.PaidIn, line.AccountNumber, line.OtherParty, line.Details));
    }

    [Fact]
    public async Task AQuotedFieldMayRunOverALineEnd()
    {
        var lines = await ReadAsync(Header, "UKA1B2C3D4,03-11-2026 10:15:00,,\"Pay Bill", "second line\",Completed,50,,50,,,,,A1", "UKA1B2C3D6,03-11-2026 10:16:00,,x,Completed,60,,110,,,,,A1");

        Assert.Equal("Pay Bill\nsecond line", lines[0].Details);
        Assert.Equal(4, lines[1].LineNumber);
    }

    [Fact]
    public async Task OnlyCompletedLinesWithMoneyInAreMoneyIn()
    {
        var lines = await ReadAsync(Header,
            "UKA0000001,03-11-2026 10:15:00,,x,Completed,50,,,,,,,",
            "UKA0000002,03-11-2026 10:15:00,,x,Failed,50,,,,,,,",
            "UKA0000003,,,x,Cancelled,50,,,,,,,",
            "UKA0000004,03-11-2026 10:15:00,,x,Completed,,-50,,,,,,");

        Assert.Equal([true, false, false, false], lines.Select(l => l.IsMoneyIn));
    }

    [Theory]
    [InlineData("Line 2: the header has no “Paid In” column.", "x,y", "Receipt No.,Completion Time,Details,Transaction Status,Withdrawn,Balance,Other Party Info,A/C No.")]
    [InlineData("Line 2: “03/13/2026 10:15” in “Completion Time” is not a date", Header, "UKA0000001,03/13/2026 10:15,,x,Completed,50,,,,,,,")]
    [InlineData("Line 2: “KES 50” in “Paid In” is not an amount.", Header, "UKA0000001,03-11-2026 10:15:00,,x,Completed,KES 50,,,,,,,")]
    [InlineData("Line 2 has 14 fields where the header has 13: a field with a comma", Header, "UKA0000001,03-11-2026 10:15:00,,x,Completed,1,500.00,,,,,,,")]
    [InlineData("Line 2 has 5 fields; the header needs at least 13.", Header, "UKA0000001,03-11-2026 10:15:00,,x,Completed")]
    [InlineData("Line 2: a quote opened on this line is never closed.", Header, "UKA0000001,03-11-2026 10:15:00,,\"x,Completed,50,,,,,,,")]
    [InlineData("Line 2: “UKA-1” is not an M-Pesa receipt number.", Header, "UKA-1,03-11-2026 10:15:00,,x,Completed,50,,,,,,,")]
    [InlineData("Line 3: a completed payment in has no completion time.", Header, "UKA0000001,03-11-2026 10:15:00,,x,Completed,50,,,,,,,", "UKA0000002,,,x,Completed,50,,,,,,,")]
    public async Task ABadFileIsRefusedNamingItsLine(string message, params string[] lines)
    {
        var refused = await Assert.ThrowsAsync<StatementFormatException>(() => ReadAsync(lines));

        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileWithoutAHeaderOrNotTextAtAllSaysSo()
    {
        var noHeader = await Assert.ThrowsAsync<StatementFormatException>(() => ReadAsync([.. Enumerable.Range(0, 60).Select(i => $"row {i},x")]));
        var pdf = await Assert.ThrowsAsync<StatementFormatException>(() => ReadAsync("%PDF-1.7", "binary"));
        var zip = await Assert.ThrowsAsync<StatementFormatException>(() => ReadAsync([(byte)'P', (byte)'K', 3, 4, 0, 0, 10]));

        Assert.Contains("No header line", noHeader.Message, StringComparison.Ordinal);
        Assert.Equal(StatementCsvReader.MaxPreambleLines, noHeader.Line);
        Assert.StartsWith("Line 1 is not text: this is not a CSV file.", pdf.Message, StringComparison.Ordinal);
        Assert.StartsWith("Line 1 is not text", zip.Message, StringComparison.Ordinal);
    }

    private static Task<List<StatementLine>> ReadAsync(params string[] lines) => ReadAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    private static async Task<List<StatementLine>> ReadAsync(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var read = new List<StatementLine>();
        await foreach (var line in StatementCsvReader.ReadAsync(stream, CancellationToken.None))
        {
            read.Add(line);
        }

        return read;
    }
}
