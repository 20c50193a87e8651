namespace MerchantPortal.Web.Features.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender address on every email.</summary>
    public string From { get; set; } = "MerchantPortal <no-reply@merchantportal.local>";

    /// <summary>Where emails are written as files when no SMTP host is configured; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>Empty: emails go to <see cref="EmailOptions.PickupDirectory"/> instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>STARTTLS when the server offers it (port 587), or TLS from the start on port 465.</summary>
    public bool UseTls { get; set; } = true;
}
