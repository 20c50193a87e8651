using System.Collections.Concurrent;
using System.Text.Json;
using MerchantPortal.Web.Mpesa;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// The simulator's C2B side against a merchant's receiver mapped at the portal's own C2B paths (ahead of whatever the
/// portal maps there), so the simulator may POST to it. A token starting <c>reject</c> refuses validation with
/// C2B00012; one starting <c>slow</c> answers after the validation deadline (1 s here); others accept.
/// </summary>
public class C2BSimulatorApp(DatabaseProvider provider) : PortalApp(provider)
{
    public C2BRecorder Recorder { get; } = new();

    protected virtual bool MaskPhones => true;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:C2BValidationTimeoutSeconds"] = "1",
        ["Mpesa:Simulator:PullPageSize"] = "2",
        ["Mpesa:Simulator:MaskC2BPhones"] = MaskPhones ? "true" : "false",
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter>(new RecorderStartupFilter(Recorder));

    private sealed class RecorderStartupFilter(C2BRecorder recorder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Method != "POST" || !C2BCallbackPaths.IsC2BPath(context.Request.Path, out var validation))
                {
                    await nextMiddleware(context);
                    return;
                }

                var token = context.Request.Path.Value!.Split('/')[3];
                using var reader = new StreamReader(context.Request.Body);
                recorder.Received.Enqueue(new C2BReceived(token, validation, await reader.ReadToEndAsync()));
                if (validation && token.StartsWith("slow", StringComparison.Ordinal))
                {
                    await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    if (context.RequestAborted.IsCancellationRequested)
                    {
                        return;
                    }
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(
                    !validation ? C2BAnswers.AcknowledgeJson
                    : token.StartsWith("reject", StringComparison.Ordinal) ? C2BAnswers.RejectJson(C2BAnswers.InvalidAccountNumber)
                    : C2BAnswers.AcceptJson);
            });
            next(app);
        };
    }
}

public sealed record C2BReceived(string Token, bool Validation, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Field(string name) => Json.GetProperty(name).GetString()!;
}

public sealed class C2BRecorder
{
    public ConcurrentQueue<C2BReceived> Received { get; } = new();

    public List<C2BReceived> For(string token, bool validation) => [.. Received.Where(r => r.Token == token && r.Validation == validation)];
}

public sealed class SqliteC2BSimulatorApp() : C2BSimulatorApp(DatabaseProvider.Sqlite);

public sealed class PostgresC2BSimulatorApp() : C2BSimulatorApp(DatabaseProvider.Postgres);

/// <summary>The same with Mpesa:Simulator:MaskC2BPhones off.</summary>
public class UnmaskedC2BSimulatorApp(DatabaseProvider provider) : C2BSimulatorApp(provider)
{
    protected override bool MaskPhones => false;
}

public sealed class SqliteUnmaskedC2BSimulatorApp() : UnmaskedC2BSimulatorApp(DatabaseProvider.Sqlite);

public sealed class PostgresUnmaskedC2BSimulatorApp() : UnmaskedC2BSimulatorApp(DatabaseProvider.Postgres);
