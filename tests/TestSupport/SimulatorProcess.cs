using System.Globalization;
using System.Text.RegularExpressions;

namespace Proxus.TestSupport;

/// <summary>A simulator (<c>modbus</c> or <c>s7</c>) as users run it, on an OS-assigned port, in its own process stopped by pid.</summary>
public sealed partial class SimulatorProcess : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private SimulatorProcess(ExternalProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Output => _process.StandardOutput + _process.StandardError;

    public static async Task<SimulatorProcess> StartAsync(string protocol, params string[] arguments)
    {
        var process = ExternalProcess.Start("dotnet", [SimulatorBuild.DllPath, protocol, "--port", "0", .. arguments]);
        try
        {
            await process.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(60));
            var match = ListeningLine().Match(process.StandardOutput);
            if (!match.Success)
            {
                throw new InvalidOperationException("The simulator did not report its port: " + process.StandardOutput);
            }

            return new SimulatorProcess(process, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    [GeneratedRegex(@"listening on [0-9.]+:(\d+)")]
    private static partial Regex ListeningLine();
}
