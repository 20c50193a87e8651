using System.Net;
using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>Turns on two-factor sign-in for the session's person, as they would on the security page.</summary>
public static class TestTwoFactor
{
    /// <summary>Returns the authenticator key, for later codes (<see cref="NextCode"/>).</summary>
    public static async Task<string> EnableAsync(HttpClient http)
    {
        var setup = await http.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = Regex.Match(setup, "secret=([A-Z2-7]+)").Groups[1].Value;
        using var enabled = await FormPage.PostAsync(http, "/Identity/Account/Manage/EnableAuthenticator", ("Code", Totp.Code(key, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        return key;
    }

    /// <summary>The next time step's code: never the one just used to turn the authenticator on.</summary>
    public static string NextCode(string key) => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));
}
