using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MerchantPortal.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>
/// Identity's authenticator codes, each accepted once (RFC 6238 §5.2): Identity alone takes the same code again for
/// as long as it is in its window, so a code seen over a shoulder or in a proxy's log would sign in a second time.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(TimeProvider time) : AuthenticatorTokenProvider<Merchant>
{
    public const string Name = "PortalAuthenticator";
    private const string LoginProvider = "[PortalAuthenticator]";
    private const string TokenName = "UsedCodes";

    /// <summary>Longer than the 150 s Identity accepts one code for (its 30 s step and two steps either side).</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<Merchant> manager, Merchant user)
    {
        // The number, not the text: Identity also takes "0123456" or "+123456" for 123456.
        if (!await base.ValidateAsync(purpose, token, manager, user) || !int.TryParse(token, CultureInfo.CurrentCulture, out var code))
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Id}:{code}")));
        var used = (await manager.GetAuthenticationTokenAsync(user, LoginProvider, TokenName) ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(':'))
            .Where(entry => entry.Length == 2 && long.TryParse(entry[0], CultureInfo.InvariantCulture, out var at) && now - at < Remembered.TotalSeconds)
            .Select(entry => (At: entry[0], Hash: entry[1]))
            .ToList();
        if (used.Any(entry => entry.Hash == hash))
        {
            return false;
        }

        used.Add((now.ToString(CultureInfo.InvariantCulture), hash));
        // Saving bumps the user's concurrency stamp: of two requests racing with one code, only one saves.
        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, TokenName, string.Join(' ', used.Select(e => $"{e.At}:{e.Hash}")));
        return saved.Succeeded;
    }
}
