using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Email;

/// <summary>
/// Writes each email as a file, so sign-up and password flows work with no mail server. The file holds the
/// link; the log says only who it was for and where it went.
/// </summary>
public sealed class PickupFolderEmailSender(
    IOptions<EmailOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<PickupFolderEmailSender> logger) : IPortalEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        var now = time.GetUtcNow();
        var name = $"{now.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(folder, name);
        var text = new StringBuilder()
            .Append("From: ").Append(options.Value.From).Append("\r\n")
            .Append("To: ").Append(message.To).Append("\r\n")
            .Append("Subject: ").Append(message.Subject).Append("\r\n")
            .Append("Date: ").Append(now.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n\r\n")
            .Append(message.TextBody.ReplaceLineEndings("\r\n"))
            .ToString();

        // Written beside and then moved, so a reader of the folder never sees half an email.
        var partial = path + ".tmp";
        await File.WriteAllTextAsync(partial, text, new UTF8Encoding(false), cancellationToken);
        File.Move(partial, path);
        logger.LogInformation("Email to {To} written to {Path}", EmailAddresses.Mask(message.To), path);
    }
}
