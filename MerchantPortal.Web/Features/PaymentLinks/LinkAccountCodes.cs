using System.Security.Cryptography;

namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>The short account number a customer types to pay a link from the M-Pesa menu (Pay Bill → Account).</summary>
public static class LinkAccountCodes
{
    // No 0/O or 1/I: the code is read off a poster and typed on a phone keypad.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewRandom() => RandomNumberGenerator.GetString(Alphabet, 6);
}
