using System.Globalization;
using System.Text.Json;

namespace MerchantPortal.Web.Mpesa;

/// <summary>Reads Pull Transactions rows however they are nested (Daraja's sample wraps them in one more array).</summary>
internal static class PullTransactionRows
{
    public static List<PullTransaction> Read(JsonElement? rows)
    {
        var found = new List<PullTransaction>();
        if (rows is { } element)
        {
            Collect(element, found);
        }

        return found;
    }

    private static void Collect(JsonElement element, List<PullTransaction> found)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, found);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object && Row(element) is { } row)
        {
            found.Add(row);
        }
    }

    /// <summary>A row without a receipt or a readable amount is no row.</summary>
    private static PullTransaction? Row(JsonElement row)
    {
        var receipt = DarajaJson.Text(row, "transactionId");
        var amountText = DarajaJson.Text(row, "amount");
        if (string.IsNullOrWhiteSpace(receipt)
            || !decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return new PullTransaction(
            receipt.Trim(),
            DarajaTimes.TryParseFlexible(DarajaJson.Text(row, "trxDate"), out var at) ? at : null,
            DarajaJson.Text(row, "msisdn"),
            DarajaJson.Text(row, "transactiontype"),
            DarajaJson.Text(row, "billreference"),
            amount,
            DarajaJson.Text(row, "sender"),
            DarajaJson.Text(row, "organizationname"));
    }
}
