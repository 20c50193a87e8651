using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>The first administrator, from configuration (section <c>Admin</c>), for deployments without a shell.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }

    /// <summary>Optional: the email address's local part otherwise.</summary>
    public string? Username { get; set; }
}

/// <summary>
/// At start (after the migrations): when <c>Admin:Email</c> and <c>Admin:Password</c> are set and there is no
/// administrator yet, creates one (or promotes the user with that address). Once any administrator exists the
/// settings are ignored, so they can stay in place without resetting anything.
/// </summary>
public sealed class AdminSetup(AdminAccountService admins, IOptions<AdminOptions> options, ILogger<AdminSetup> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Email) || string.IsNullOrWhiteSpace(o.Password) || await admins.AnyAsync(cancellationToken))
        {
            return;
        }

        var result = await admins.CreateOrPromoteAsync(AdminActor.Configuration, new CreateAdminRequest(o.Email, o.Password, o.Username), cancellationToken);
        if (!result.Succeeded)
        {
            // Refuse to start rather than run without the administrator the operator asked for.
            throw new InvalidOperationException($"Admin:Email/Admin:Password could not make the first administrator: {result.Error!.Message}");
        }

        logger.LogInformation("First administrator {Username} {How} from configuration", result.Value!.User.Username,
            result.Value.Created ? "created" : "promoted");
    }
}
