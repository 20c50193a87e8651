using MerchantPortal.Web.Data.Entities;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>How a payment came, in the words people read on the pages and in the CSV; the API keeps stk and c2b.</summary>
public static class ChannelWords
{
    public const string Stk = "STK push";

    public const string C2B = "M-Pesa menu";

    public static string Of(string channel) => channel == TransactionChannels.C2B ? C2B : Stk;
}
