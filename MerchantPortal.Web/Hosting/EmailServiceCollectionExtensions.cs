using MerchantPortal.Web.Features.Email;

namespace MerchantPortal.Web.Hosting;

public static class EmailServiceCollectionExtensions
{
    /// <summary>SMTP when <c>Email:Smtp:Host</c> is set; otherwise emails are files in <c>Email:PickupDirectory</c>.</summary>
    public static WebApplicationBuilder AddPortalEmail(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(EmailOptions.Section);
        builder.Services.Configure<EmailOptions>(section);
        if (string.IsNullOrWhiteSpace(section.Get<EmailOptions>()?.Smtp.Host))
        {
            builder.Services.AddSingleton<IPortalEmailSender, PickupFolderEmailSender>();
        }
        else
        {
            builder.Services.AddSingleton<IPortalEmailSender, SmtpEmailSender>();
        }

        return builder;
    }
}
