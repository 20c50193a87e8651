using System.Collections.Concurrent;
using System.Data.Common;
using MerchantPortal.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// The portal counting the database round trips each tagged request makes: every command EF sends and every commit.
/// A request is tagged by the <see cref="CommandCounter.Header"/> header; the commands run in its flow (not the
/// workers', not other tests') are counted under its tag. The reconciler waits ten minutes, so a push stays pending
/// until the test sends its callback itself.
/// </summary>
public class CommandCountingApp(DatabaseProvider provider) : PortalApp(provider)
{
    public const string Header = CommandCounter.Header;

    public CommandCounter Commands { get; } = new();

    /// <summary>How many round trips the requests sent with <paramref name="tag"/> in <see cref="Header"/> made.</summary>
    public int CommandsOf(string tag) => Commands.Of(tag).Count;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Reconcile:AfterSeconds"] = "600",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(Commands, Commands.Commits));
        services.ConfigureDbContext<PostgresPortalDbContext>(o => o.AddInterceptors(Commands, Commands.Commits));
        services.AddSingleton<IStartupFilter>(new CountingStartupFilter(Commands));
    }

    /// <summary>Sends one request tagged for counting and answers what it sent to the database.</summary>
    public async Task<(T Result, IReadOnlyList<string> Commands)> CountAsync<T>(Func<HttpRequestMessage, Task<T>> send, HttpRequestMessage request)
    {
        var tag = Guid.NewGuid().ToString("N");
        request.Headers.Add(CommandCounter.Header, tag);
        var result = await send(request);
        return (result, Commands.Of(tag));
    }

    private sealed class CountingStartupFilter(CommandCounter counter) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate nextStep) =>
            {
                var tag = context.Request.Headers[CommandCounter.Header].ToString();
                if (tag.Length > 0)
                {
                    counter.Begin(tag);
                }

                await nextStep(context);
            });
            next(app);
        };
    }
}

public sealed class SqliteCommandCountingApp() : CommandCountingApp(DatabaseProvider.Sqlite);

public sealed class PostgresCommandCountingApp() : CommandCountingApp(DatabaseProvider.Postgres);

/// <summary>Records each command's first line (and each commit) under the tag of the request whose flow ran it.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    public const string Header = "X-Test-Count-Commands";

    private readonly AsyncLocal<ConcurrentQueue<string>?> current = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> byTag = new();

    public CommitCounter Commits { get; }

    public CommandCounter() => Commits = new CommitCounter(this);

    public void Begin(string tag) => current.Value = byTag.GetOrAdd(tag, _ => new ConcurrentQueue<string>());

    public IReadOnlyList<string> Of(string tag) => byTag.TryGetValue(tag, out var queue) ? [.. queue] : [];

    internal void Record(string what) => current.Value?.Enqueue(what);

    private void Record(DbCommand command) => Record(string.Join(' ', command.CommandText.Split('\n', StringSplitOptions.TrimEntries)));

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>A commit is a round trip of its own (BEGIN rides on the first command), and so may a savepoint be.</summary>
    public sealed class CommitCounter(CommandCounter counter) : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult> CreatingSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            counter.Record("SAVEPOINT");
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult> ReleasingSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            counter.Record("RELEASE SAVEPOINT");
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            counter.Record("COMMIT");
            return result;
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            counter.Record("COMMIT");
            return ValueTask.FromResult(result);
        }
    }
}
