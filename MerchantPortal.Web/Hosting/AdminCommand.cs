using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// <c>dotnet run --project MerchantPortal.Web -- create-admin --email … --password … [--username …]</c>: applies
/// the migrations, then creates an administrator or promotes the user with that email address, and exits (0 when
/// done, 1 with the reason otherwise) without starting the server.
/// </summary>
public static class AdminCommand
{
    public const string Name = "create-admin";

    public const string Usage = """
        Usage: create-admin --email <address> --password <password> [--username <name>]
          Creates an administrator (username: the address's local part unless given), or makes the existing user
          with that email address one; for an existing user the password is not needed and is left unchanged.
        """;

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }

        Environment.ExitCode = await RunAsync(app.Services, args[1..], Console.Out, Console.Error, CancellationToken.None);
        return true;
    }

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> options, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var request = Parse(options);
        if (!request.Succeeded)
        {
            await error.WriteLineAsync($"{Name}: {request.Error!.Message}\n{Usage}");
            return 1;
        }

        Result<AdminGranted> result;
        try
        {
            await ActivatorUtilities.CreateInstance<MigrationHostedService>(services).RunAsync(migrate: true, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            result = await scope.ServiceProvider.GetRequiredService<AdminAccountService>()
                .CreateOrPromoteAsync(AdminActor.CommandLine, request.Value!, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"{Name}: failed: {ex.GetBaseException().Message}");
            return 1;
        }

        if (!result.Succeeded)
        {
            var hint = result.Error!.Fields?.ContainsKey("username") == true ? " Choose a username with --username." : "";
            await error.WriteLineAsync($"{Name}: {result.Error.Message}{hint}");
            return 1;
        }

        var (user, created, already) = result.Value!;
        await output.WriteLineAsync(created ? $"Created administrator {user.Username} ({user.Email}): sign in, then open /Admin."
            : already ? $"{user.Username} ({user.Email}) is already an administrator: nothing changed."
            : $"Promoted {user.Username} ({user.Email}) to administrator; their password is unchanged.");
        return 0;
    }

    /// <summary><c>--name value</c> or <c>--name=value</c>; anything else is refused with the reason.</summary>
    public static Result<CreateAdminRequest> Parse(IReadOnlyList<string> options)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (!option.StartsWith("--", StringComparison.Ordinal))
            {
                return ServiceError.Invalid("invalid_argument", $"unexpected argument '{option}'.");
            }

            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? option[2..equals] : option[2..];
            if (name is not ("email" or "password" or "username"))
            {
                return ServiceError.Invalid("invalid_argument", $"unknown option '--{name}'.");
            }

            if (equals > 0)
            {
                values[name] = option[(equals + 1)..];
            }
            else if (i + 1 < options.Count && !options[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[name] = options[++i];
            }
            else
            {
                return ServiceError.Invalid("invalid_argument", $"--{name} needs a value.");
            }
        }

        return values.TryGetValue("email", out var email) && !string.IsNullOrWhiteSpace(email)
            ? new CreateAdminRequest(email, values.GetValueOrDefault("password"), values.GetValueOrDefault("username"))
            : ServiceError.Invalid("invalid_argument", "--email is required.");
    }
}
