using System.Net;
using System.Text;
using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>
/// Two portal instances on one database, each with its own in-process token cache and HTTP client, against a Daraja
/// that revokes an app's token whenever the app is issued a new one (its Authorization page says it may).
/// </summary>
public abstract class SharedDarajaTokenTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private static readonly StkPushCommand Push = new("CustomerPayBillOnline", "174379", "174379", 10, "254712345678",
        "https://portal.example/hooks/stk/abc", "INV1", "Payment");

    [Fact]
    public async Task InstancesShareOneTokenPerAppSoNeitherRevokesTheOthers()
    {
        var daraja = new RevokingDaraja();
        var (first, second) = (Instance(daraja), Instance(daraja));
        var pair = NewApp();

        Assert.True((await first.StkPushAsync(pair, Push, default)).Succeeded);
        Assert.True((await second.StkPushAsync(pair, Push, default)).Succeeded);
        Assert.True((await first.StkPushAsync(pair, Push, default)).Succeeded);

        Assert.Equal(1, daraja.TokensIssued);
        Assert.Equal(0, daraja.RefusedForDeadToken);
    }

    [Fact]
    public async Task ManyConcurrentCallsOnTwoInstancesFetchOneToken()
    {
        var daraja = new RevokingDaraja { IssueDelay = TimeSpan.FromMilliseconds(300) };
        var (first, second) = (Instance(daraja), Instance(daraja));
        var pair = NewApp();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(i => (i % 2 == 0 ? first : second).GetTokenAsync(pair, default)));

        Assert.All(tokens, t => Assert.True(t.Succeeded));
        Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.Equal(1, daraja.TokensIssued);
    }

    [Fact]
    public async Task ATokenOneInstanceFoundDeadIsReplacedOnceForAll()
    {
        var daraja = new RevokingDaraja();
        var (first, second) = (Instance(daraja), Instance(daraja));
        var pair = NewApp();
        await first.StkPushAsync(pair, Push, default);

        daraja.RevokeAll();
        Assert.True((await first.StkPushAsync(pair, Push, default)).Succeeded);
        Assert.True((await second.StkPushAsync(pair, Push, default)).Succeeded);

        Assert.Equal(2, daraja.TokensIssued);
        Assert.Equal(1, daraja.RefusedForDeadToken);
    }

    [Fact]
    public async Task TheRowIsKeyedByAHashAndTheTokenIsProtectedAtRest()
    {
        var daraja = new RevokingDaraja();
        var pair = NewApp();

        var token = (await Instance(daraja).GetTokenAsync(pair, default)).Value!;

        var rows = await app.WithDbAsync(db => db.DarajaTokens.AsNoTracking()
            .Where(t => t.AppKeyHash == DarajaTokenCache.AppKey(pair)).ToListAsync());
        var row = Assert.Single(rows);
        Assert.DoesNotContain(pair.ConsumerKey, row.AppKeyHash);
        Assert.DoesNotContain(token, row.TokenProtected);
    }

    private static DarajaCredentials NewApp() => new("key-" + Guid.NewGuid().ToString("N"), "secret", "passkey");

    /// <summary>What one more portal instance would have: its own cache (and lock) and client, the shared database.</summary>
    private DarajaClient Instance(RevokingDaraja daraja)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<MpesaOptions>>();
        var endpoint = new DarajaEndpoint(new FixedOptions(new MpesaOptions { Mode = MpesaMode.Sandbox, BaseUrl = "https://daraja.test/" }), null!);
        var cache = new DarajaTokenCache(app.Services.GetRequiredService<IDarajaTokenStore>(), TimeProvider.System);
        return new DarajaClient(new HttpClient(daraja), endpoint, cache, options, TimeProvider.System, NullLogger<DarajaClient>.Instance);
    }

    private sealed class FixedOptions(MpesaOptions value) : IOptionsMonitor<MpesaOptions>
    {
        public MpesaOptions CurrentValue => value;

        public MpesaOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MpesaOptions, string?> listener) => null;
    }

    /// <summary>Accepts only the newest token it issued, answering older ones as seen live (HTTP 401, 401.003.01).</summary>
    private sealed class RevokingDaraja : HttpMessageHandler
    {
        private int issued;
        private int refused;
        private volatile string? current;

        public int TokensIssued => issued;

        public int RefusedForDeadToken => refused;

        public TimeSpan IssueDelay { get; init; }

        public void RevokeAll() => current = null;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/oauth/v1/generate")
            {
                await Task.Delay(IssueDelay, cancellationToken);
                var token = "tok-" + Interlocked.Increment(ref issued);
                current = token;
                return Json(HttpStatusCode.OK, $$"""{"access_token":"{{token}}","expires_in":"3599"}""");
            }

            if (request.Headers.Authorization?.Parameter != current)
            {
                Interlocked.Increment(ref refused);
                return Json(HttpStatusCode.Unauthorized, """{"requestId":"1","errorCode":"401.003.01","errorMessage":"Invalid Access Token"}""");
            }

            return Json(HttpStatusCode.OK,
                """{"MerchantRequestID":"1-2-3","CheckoutRequestID":"ws_CO_1","ResponseCode":"0","ResponseDescription":"Success","CustomerMessage":"Success"}""");
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}

public sealed class SqliteSharedDarajaTokenTests(SqliteApp app) : SharedDarajaTokenTests<SqliteApp>(app);

public sealed class PostgresSharedDarajaTokenTests(PostgresApp app) : SharedDarajaTokenTests<PostgresApp>(app);
