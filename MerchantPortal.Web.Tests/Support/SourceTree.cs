namespace MerchantPortal.Web.Tests.Support;

/// <summary>The web project's source folder, for tests that read what the code or its resources say.</summary>
public static class SourceTree
{
    public static string WebProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "MerchantPortal.Web");
            if (File.Exists(Path.Combine(dir.FullName, "MerchantPortal.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The web project's source folder was not found above " + AppContext.BaseDirectory);
    }
}
