namespace MerchantPortal.Web.Hosting;

/// <summary>
/// <c>dotnet MerchantPortal.Web.dll migrate</c> (or <c>dotnet run --project MerchantPortal.Web -- migrate</c>): applies
/// the pending migrations and the configured billing and admin setup, then exits (0 when done, 1 with the reason)
/// without starting the server. One such job runs before a rolling upgrade whose instances start with
/// <c>Database:MigrateOnStart=false</c>.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }

        Environment.ExitCode = await RunAsync(app.Services, Console.Out, Console.Error, CancellationToken.None);
        return true;
    }

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await ActivatorUtilities.CreateInstance<MigrationHostedService>(services).RunAsync(migrate: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"{Name}: failed: {ex.GetBaseException().Message}");
            return 1;
        }

        await output.WriteLineAsync($"{Name}: the database is up to date.");
        return 0;
    }
}
