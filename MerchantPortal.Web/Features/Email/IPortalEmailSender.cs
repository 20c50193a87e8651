namespace MerchantPortal.Web.Features.Email;

/// <summary>One email to one person: a subject and a plain-text body (links in the body, never in logs).</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody);

/// <summary>Sends the portal's account emails (password reset, email confirmation).</summary>
public interface IPortalEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public static class EmailAddresses
{
    /// <summary><c>jane@example.com</c> → <c>j***@example.com</c>: enough to tell emails apart in a log.</summary>
    public static string Mask(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : address[0] + "***" + address[at..];
    }
}
