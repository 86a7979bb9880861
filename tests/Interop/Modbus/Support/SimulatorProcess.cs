using System.Globalization;
using System.Text.RegularExpressions;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Modbus.Support;

/// <summary>The simulator as users run it (<c>proxus-simulators modbus --port 0 ...</c>), in its own process, stopped by pid.</summary>
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

    public static async Task<SimulatorProcess> StartAsync(params string[] arguments)
    {
        var dll = SimulatorBuild.DllPath;
        var process = ExternalProcess.Start("dotnet", [dll, "modbus", "--port", "0", .. arguments]);
        try
        {
            await process.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(60));
            var match = ListeningLine().Match(process.StandardOutput);
            match.Success.Should().BeTrue(process.StandardOutput);
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
