using System.Net;
using System.Text;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>Paging cursors are opaque: no row id can be read from them, and they work only for whom they were made.</summary>
public abstract class CursorTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ACursorRevealsNoRowIdInAnyDecodingAndStillPages()
    {
        var (merchant, ids) = await MerchantWithTransactionsAsync(3);

        var first = (await merchant.Api.GetAsync("transactions", ("limit", "2"))).AssertOk().Data;
        var cursor = first.GetProperty("next_cursor").GetString()!;
        var rowId = await app.WithDbAsync(db => db.Transactions.Where(t => t.PublicId == ids[1]).Select(t => t.Id).SingleAsync());

        foreach (var decoded in Decodings(cursor))
        {
            Assert.DoesNotContain("t:", decoded, StringComparison.Ordinal);
            Assert.DoesNotContain(":" + rowId, decoded, StringComparison.Ordinal);
            // A bare number of one or two digits turns up in any random bytes; from three on it would be telling.
            if (rowId >= 100)
            {
                Assert.DoesNotContain(rowId.ToString(System.Globalization.CultureInfo.InvariantCulture), decoded, StringComparison.Ordinal);
            }
        }

        var second = (await merchant.Api.GetAsync("transactions", ("limit", "2"), ("cursor", cursor))).AssertOk().Data;
        Assert.Equal([ids[0]], second.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AnotherMerchantsCursorIsRefused()
    {
        var (owner, _) = await MerchantWithTransactionsAsync(2);
        var (other, _) = await MerchantWithTransactionsAsync(2);
        var cursor = (await owner.Api.GetAsync("transactions", ("limit", "1"))).AssertOk().Data.GetProperty("next_cursor").GetString()!;

        (await other.Api.GetAsync("transactions", ("limit", "1"), ("cursor", cursor))).AssertError(HttpStatusCode.BadRequest, "invalid_cursor");
        (await owner.Api.GetAsync("transactions", ("limit", "1"), ("cursor", cursor))).AssertOk();
    }

    [Fact]
    public async Task ATamperedOrHandMadeCursorIsRefused()
    {
        var (merchant, _) = await MerchantWithTransactionsAsync(2);
        var cursor = (await merchant.Api.GetAsync("transactions", ("limit", "1"))).AssertOk().Data.GetProperty("next_cursor").GetString()!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? 'B' : 'A') + cursor[^1];

        foreach (var forged in new[] { tampered, "dDox", "dDo5OTk5OTk5", cursor + "AA" })
        {
            (await merchant.Api.GetAsync("transactions", ("cursor", forged))).AssertError(HttpStatusCode.BadRequest, "invalid_cursor");
        }
    }

    private async Task<(TestMerchant Merchant, List<string> Ids)> MerchantWithTransactionsAsync(int count)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10")))
                .AssertOk().Data.GetProperty("transaction_id").GetString()!);
        }

        return (merchant, ids);
    }

    /// <summary>The cursor as sent, and its bytes read as base64 or base64url, as text.</summary>
    private static IEnumerable<string> Decodings(string cursor)
    {
        yield return cursor;
        var standard = cursor.Replace('-', '+').Replace('_', '/');
        var padded = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        var bytes = Convert.FromBase64String(padded);
        yield return Encoding.ASCII.GetString(bytes);
        yield return Encoding.Latin1.GetString(bytes);
        yield return Encoding.UTF8.GetString(bytes);
    }
}

public sealed class SqliteCursorTests(SqliteApp app) : CursorTests<SqliteApp>(app);

public sealed class PostgresCursorTests(PostgresApp app) : CursorTests<PostgresApp>(app);
