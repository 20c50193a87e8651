using System.Diagnostics;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>Runs a program (node, php, the portal's own command) to completion and captures what it printed.</summary>
public static class ExternalProcess
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, string argument, TimeSpan timeout) =>
        RunAsync(program, [argument], timeout);

    /// <param name="environment">Variables added to this process's own (configuration for a .NET program).</param>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, IEnumerable<string> arguments,
        TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{program}' is needed for this test and was not found (install it; .ci/run does).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancel.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
