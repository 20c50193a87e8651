using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Transactions;

namespace MerchantPortal.Web.Tests.Components;

public sealed class StatusWordsTests
{
    [Fact]
    public void EveryStatusHasItsOneWord() =>
        Assert.Equal(["Pending", "Paid", "Failed", "Cancelled", "Timed out", "Unknown", "Reversed"], TransactionStatuses.All.Select(StatusWords.Of));
}
