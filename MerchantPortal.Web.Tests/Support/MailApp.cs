using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>The portal with its own email pickup folder, so a test can open the links it was sent.</summary>
public class MailApp(DatabaseProvider provider) : PortalApp(provider), IAsyncDisposable
{
    public string MailFolder { get; } = Directory.CreateTempSubdirectory("mp-mail-").FullName;

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Email:PickupDirectory"] = MailFolder };

    /// <summary>The emails written to <paramref name="to"/> so far.</summary>
    public IReadOnlyList<string> MailTo(string to) =>
        [.. Directory.GetFiles(MailFolder, "*.eml").Order().Select(File.ReadAllText)
            .Where(m => m.Contains($"\r\nTo: {to}\r\n", StringComparison.OrdinalIgnoreCase))];

    /// <summary>The last link to <paramref name="path"/> emailed to <paramref name="to"/>, as a path and query.</summary>
    public async Task<string> WaitForLinkAsync(string to, string path)
    {
        for (var i = 0; i < 50; i++)
        {
            var link = MailTo(to).SelectMany(m => Regex.Matches(m, "https?://\\S+").Select(x => x.Value))
                .LastOrDefault(l => l.Contains(path, StringComparison.Ordinal));
            if (link is not null)
            {
                return new Uri(link).PathAndQuery;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No email to {to} with a link to {path} in {MailFolder}.");
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        Directory.Delete(MailFolder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteMailApp() : MailApp(DatabaseProvider.Sqlite);

public sealed class PostgresMailApp() : MailApp(DatabaseProvider.Postgres);
