using MerchantPortal.Web.Hosting;

if (await SimulatorCommand.TryRunAsync(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultAddress("http://localhost:5080");
builder.AddPortalShutdown();
builder.AddPortalTelemetry();
builder.AddPortalWorkers();
builder.AddPortalData();
builder.AddPortalIdentity();
builder.AddMpesa();
builder.AddPortalApi();
builder.AddPortalWebhooks();
builder.AddPortalSubscriptions();
builder.AddPortalAdmin();
builder.AddPortalEmail();
builder.AddPortalPages();
builder.AddPortalForms();
builder.AddPortalPayPages();

var app = builder.Build();
if (await AdminCommand.TryRunAsync(app, args) || await MigrateCommand.TryRunAsync(app, args) || await BackupCommand.TryRunAsync(app, args))
{
    return;
}

app.UsePortalPipeline();
app.Run();

public partial class Program;
