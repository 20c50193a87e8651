using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>
/// A C# client generated from <c>/openapi/v1.json</c> by NSwag (a local tool in .config/dotnet-tools.json), compiled
/// as it is, pushes a payment with an API key: the document is enough to write a working client (issue 14).
/// </summary>
public sealed class GeneratedClientTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task AClientNSwagGeneratesFromTheDocumentPushesAPaymentThatSucceeds()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        var folder = Directory.CreateTempSubdirectory("portal-client-");
        var context = new AssemblyLoadContext("generated-client", isCollectible: true);
        try
        {
            using var http = app.NewClient();
            var document = Path.Combine(folder.FullName, "openapi.json");
            await File.WriteAllTextAsync(document, await http.GetStringAsync("/openapi/v1.json"));
            var source = Path.Combine(folder.FullName, "PortalClient.cs");
            await DotnetAsync("tool restore");
            await DotnetAsync($"tool run nswag openapi2csclient /input:{document} /output:{source} /namespace:Generated /className:PortalClient "
                + "/jsonLibrary:SystemTextJson /operationGenerationMode:SingleClientFromOperationId");

            var clientType = Compile(await File.ReadAllTextAsync(source), context).GetType("Generated.PortalClient", throwOnError: true)!;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var client = Activator.CreateInstance(clientType, http)!;
            clientType.GetProperty("BaseUrl")!.SetValue(client, app.BaseUri.ToString());
            var push = clientType.GetMethods().Single(m => m.Name == "Api_stkAsync" && m.GetParameters()[^1].ParameterType == typeof(CancellationToken));
            var body = Activator.CreateInstance(push.GetParameters().Single(p => p.Name == "body").ParameterType)!;
            body.GetType().GetProperty("Phone")!.SetValue(body, "0712345678");
            body.GetType().GetProperty("Amount")!.SetValue(body, 10);
            var arguments = push.GetParameters()
                .Select(p => p.Name == "body" ? body : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None : null).ToArray();
            var task = (Task)push.Invoke(client, arguments)!;
            await task;
            var answer = task.GetType().GetProperty("Result")!.GetValue(task)!;
            var data = (JsonElement)answer.GetType().GetProperty("Data")!.GetValue(answer)!;

            var transaction = await merchant.WaitForFinalAsync(data.GetProperty("transaction_id").GetString()!);
            Assert.Equal("succeeded", transaction.GetProperty("status").GetString());
            Assert.Equal(10, transaction.GetProperty("amount").GetInt32());
        }
        finally
        {
            context.Unload();
            folder.Delete(recursive: true);
        }
    }

    private static Assembly Compile(string code, AssemblyLoadContext context)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Generated.PortalClient", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        image.Position = 0;
        return context.LoadFromStream(image);
    }

    /// <summary>Runs dotnet in the repository (where the tool manifest is); a failure fails the test with its output.</summary>
    private static async Task DotnetAsync(string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = Path.GetDirectoryName(SourceTree.WebProject())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet {arguments} exited with {process.ExitCode}:\n{await output}\n{await errors}");
    }
}
