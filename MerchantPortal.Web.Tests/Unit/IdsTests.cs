using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class IdsTests
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(500)]
    public void RandomGivesExactlyTheLengthAskedInBase62(int length)
    {
        var id = Ids.Random(length);

        Assert.Equal(length, id.Length);
        Assert.All(id, c => Assert.Contains(c, Base62));
    }

    [Fact]
    public void EveryBase62CharacterIsEquallyLikely()
    {
        // 620,000 characters, 10,000 expected of each. Taking a byte modulo 62 without skipping the top 8 values
        // would give the first 8 characters 5/256 each instead of 4/256: about 12,300 of each, far outside the bound.
        var counts = new Dictionary<char, int>();
        for (var i = 0; i < 1_000; i++)
        {
            foreach (var c in Ids.Random(620))
            {
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }

        Assert.Equal(62, counts.Count);
        // About six standard deviations (≈ 99) either side of 10,000.
        Assert.All(counts, pair => Assert.InRange(pair.Value, 9_400, 10_600));
    }

    [Fact]
    public void TwoIdsDiffer()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => Ids.NewTransactionId()).ToHashSet();

        Assert.Equal(10_000, ids.Count);
        Assert.All(ids, id => Assert.Matches("^txn_[0-9A-Za-z]{16}$", id));
    }
}
