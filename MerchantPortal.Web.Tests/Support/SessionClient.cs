using System.Net;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// A merchant signed in through a client whose cookie jar a test can read, so the session cookie can be copied
/// as someone who stole it would send it: as a fixed Cookie header, never updated by the answers.
/// </summary>
public sealed class SessionClient : IDisposable
{
    private readonly CookieContainer jar = new();
    private readonly Uri baseUri;

    private SessionClient(PortalApp app)
    {
        baseUri = app.BaseUri;
        Http = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = jar, AllowAutoRedirect = false })
        {
            BaseAddress = app.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        Api = new ApiClient(Http);
    }

    public HttpClient Http { get; }

    public ApiClient Api { get; }

    /// <summary>Signs <paramref name="merchant"/> in with the API's <c>login</c>, in a session of its own.</summary>
    public static async Task<SessionClient> SignInAsync(PortalApp app, TestMerchant merchant)
    {
        var client = new SessionClient(app);
        (await client.Api.PostAsync("login", ("user", merchant.Username), ("password", merchant.Password))).AssertOk();
        return client;
    }

    /// <summary>A client for <paramref name="app"/> (this one or another instance) sending this session's cookies as they are now.</summary>
    public HttpClient CopyTo(PortalApp app)
    {
        var copy = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = app.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var cookies = jar.GetCookieHeader(baseUri);
        Assert.Contains("mp_session=", cookies);
        copy.DefaultRequestHeaders.Add("Cookie", cookies);
        return copy;
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>A second portal instance on the first one's database (either provider), talking to its simulator.</summary>
public sealed class SecondInstance(PortalApp first) : PortalApp(first.Provider)
{
    protected override string? SharedConnectionString => first.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:BaseUrl"] = new Uri(first.BaseUri, "/sim/daraja/").ToString(),
    };
}
