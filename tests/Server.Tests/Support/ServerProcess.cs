using System.Globalization;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// The real server, as deployed: <c>dotnet Proxus.Server.dll</c> from the server's own build output,
/// on a test database, with plain HTTP on a free loopback port and its MQTT consumers pointed at
/// an external broker. Killed (SIGKILL) by its process id when a test asks or when disposed.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private ServerProcess(ExternalProcess process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Everything the server wrote, for failure messages.</summary>
    public string Output => _process.StandardOutput + _process.StandardError;

    public static async Task<ServerProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        var httpPort = LoopbackPort.GetFree();
        var arguments = new List<string>
        {
            DllPath(),
            $"--urls=http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
            $"--Database:Provider={database.Provider}",
            $"--Server:DataDirectory={database.DataDirectory}",
            "--Mqtt:Port=0",
            "--Mqtt:TlsPort=0",
            "--Mqtt:DataDirectory=",
            "--Logging:LogLevel:Default=Warning",
        };
        if (database.ConnectionString is { } connectionString)
        {
            arguments.Add($"--ConnectionStrings:Proxus={connectionString}");
        }

        arguments.AddRange(settings.Select(setting => $"--{setting.Key}={setting.Value}"));
        var process = new ServerProcess(ExternalProcess.Start("dotnet", arguments));
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(httpPort, TimeSpan.FromSeconds(120));
        }
        catch (System.Net.Sockets.SocketException e)
        {
            var output = process._process.StandardOutput + process._process.StandardError;
            await process.DisposeAsync();
            throw new InvalidOperationException("The server did not start: " + output, e);
        }

        return process;
    }

    /// <summary>SIGKILL: no shutdown, no DISCONNECT, no last batch.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary><c>src/Server/bin/&lt;configuration&gt;/&lt;framework&gt;/Proxus.Server.dll</c>, matching this test's build.</summary>
    private static string DllPath()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent?.Name ?? throw new InvalidOperationException("Unexpected test output folder " + output.FullName);
        var path = Path.Combine(RepositoryPaths.Root, "src", "Server", "bin", configuration, output.Name, "Proxus.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The server is not built for this configuration.", path);
    }
}
