using System.Collections.Concurrent;
using System.Data.Common;
using MerchantPortal.Web.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// The portal counting the database commands of requests that carry a <see cref="Header"/>: a ceiling on round
/// trips is a test that does not depend on timing. Only those requests count, so the workers polling meanwhile and
/// tests running in parallel do not.
/// </summary>
public class CommandCountingApp(DatabaseProvider provider) : PortalApp(provider)
{
    public const string Header = "X-Test-Count-Commands";

    private readonly CommandCounter counter = new();

    /// <summary>The commands the requests sent with <paramref name="tag"/> in <see cref="Header"/> ran.</summary>
    public int CommandsOf(string tag) => counter.Counts.GetValueOrDefault(tag);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(counter);
        services.ConfigureDbContext<SqlitePortalDbContext>((sp, o) => o.AddInterceptors(Attach(sp)));
        services.ConfigureDbContext<PostgresPortalDbContext>((sp, o) => o.AddInterceptors(Attach(sp)));
    }

    private CommandCounter Attach(IServiceProvider services)
    {
        counter.Requests = services.GetRequiredService<IHttpContextAccessor>();
        return counter;
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public ConcurrentDictionary<string, int> Counts { get; } = new();

        public IHttpContextAccessor? Requests { get; set; }

        public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
        {
            if (Requests?.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } tag)
            {
                Counts.AddOrUpdate(tag, 1, (_, n) => n + 1);
            }

            return result;
        }
    }
}

public sealed class SqliteCommandCountingApp() : CommandCountingApp(DatabaseProvider.Sqlite);

public sealed class PostgresCommandCountingApp() : CommandCountingApp(DatabaseProvider.Postgres);
