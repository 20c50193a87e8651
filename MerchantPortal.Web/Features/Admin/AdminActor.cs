using System.Security.Claims;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>Who performs an administrative action, as the audit log names them.</summary>
public sealed record AdminActor(string Id, string Name)
{
    /// <summary>The <c>create-admin</c> command: whoever could run it had the server and its database.</summary>
    public static readonly AdminActor CommandLine = new("cli", "command line");

    /// <summary>The first administrator created from <c>Admin:Email</c>/<c>Admin:Password</c> on start.</summary>
    public static readonly AdminActor Configuration = new("config", "configuration");

    /// <summary>The signed-in administrator; the folder's Admin policy guarantees one.</summary>
    public static AdminActor Of(ClaimsPrincipal user) => new(Api.PortalSchemes.PersonId(user) ?? throw new InvalidOperationException("No one is signed in."), user.Identity?.Name ?? "");
}
