using System.Globalization;
using System.Text.RegularExpressions;

namespace Proxus.TestSupport;

/// <summary>
/// The real server as operators run it, from its own build output: SQLite in a temporary
/// directory, HTTPS for the REST and agent APIs, MQTT over TLS with client certificates for agents,
/// and the plain loopback MQTT listener (anonymous, development only) for independent subscribers.
/// The first administrator's one-time password is read from the log, as a person would. It can be
/// stopped (SIGTERM, then by pid) and started again on the same data directory and ports.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<string> LazyDllPath = new(FindDll);

    private readonly string _dll;
    private readonly string _directory;
    private readonly string[] _arguments;
    private readonly int _httpsPort;
    private readonly int _mqttTlsPort;
    private ExternalProcess _process;

    private ServerProcess(string dll, string directory, string[] arguments, int httpsPort, int mqttPort, int mqttTlsPort, ExternalProcess process)
    {
        _dll = dll;
        _directory = directory;
        _arguments = arguments;
        _httpsPort = httpsPort;
        _mqttTlsPort = mqttTlsPort;
        _process = process;
        BaseAddress = new Uri($"https://127.0.0.1:{httpsPort.ToString(CultureInfo.InvariantCulture)}/");
        Broker = new Uri($"mqtt://127.0.0.1:{mqttPort.ToString(CultureInfo.InvariantCulture)}");
        AgentBroker = new Uri($"mqtts://127.0.0.1:{mqttTlsPort.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary><c>src/Server/bin/&lt;configuration&gt;/&lt;framework&gt;/Proxus.Server.dll</c>, matching the caller's build.</summary>
    public static string DllPath => LazyDllPath.Value;

    public Uri BaseAddress { get; }

    /// <summary>The plain loopback MQTT listener (anonymous clients have full access: development only).</summary>
    public Uri Broker { get; }

    /// <summary>MQTT over TLS with a client certificate from the server's CA: the agents' broker URL.</summary>
    public Uri AgentBroker { get; }

    /// <summary>The first administrator's one-time password, from the first start's log.</summary>
    public string InitialPassword { get; private set; } = string.Empty;

    public int ProcessId => _process.Id;

    /// <summary>The current process's output so far.</summary>
    public string Log => _process.StandardOutput + _process.StandardError;

    /// <summary>
    /// Starts the server on free loopback ports with a new data directory. <paramref name="settings"/>
    /// are extra configuration keys (<c>Section:Key=value</c>).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string? dll = null, params string[] settings)
    {
        dll ??= DllPath;
        var directory = Directory.CreateTempSubdirectory("proxus-server-").FullName;
        int httpsPort = LoopbackPort.GetFree(), mqttPort = LoopbackPort.GetFree(), mqttTlsPort = LoopbackPort.GetFree();
        string[] arguments =
        [
            dll,
            "--urls", $"https://127.0.0.1:{httpsPort.ToString(CultureInfo.InvariantCulture)}",
            "--contentRoot", Path.GetDirectoryName(dll)!,
            $"--Server:DataDirectory={Path.Combine(directory, "server")}",
            $"--Mqtt:DataDirectory={Path.Combine(directory, "mqtt")}",
            $"--Mqtt:Port={mqttPort.ToString(CultureInfo.InvariantCulture)}",
            $"--Mqtt:TlsPort={mqttTlsPort.ToString(CultureInfo.InvariantCulture)}",
            "--Mqtt:AllowAnonymous=true",
            "--Logging:LogLevel:Default=Warning",
            .. settings.Select(setting => "--" + setting),
        ];
        var server = new ServerProcess(dll, directory, arguments, httpsPort, mqttPort, mqttTlsPort, Launch(arguments, directory));
        try
        {
            await server._process.WaitForOutputAsync("Sign in and change it now", StartTimeout);
            server.InitialPassword = InitialPasswordLine().Match(server.Log).Groups[1].Value;
            await server.WaitUntilListeningAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server as a service manager does (SIGTERM), killing it by pid if it does not exit in time.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        await using (await ExternalProcess.RunAsync("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)], StopTimeout))
        {
            // The server may have exited between the check and the signal: kill's exit code is not checked.
        }

        try
        {
            await _process.WaitForExitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            // WaitForExitAsync killed it.
        }
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>: same data directory, same ports.</summary>
    public async Task RestartAsync()
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("The server is still running; stop it first.");
        }

        await _process.DisposeAsync();
        _process = Launch(_arguments, _directory);
        await WaitUntilListeningAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held for a moment; the temporary directory is cleaned later.
        }
    }

    private static ExternalProcess Launch(string[] arguments, string directory)
        => ExternalProcess.Start("dotnet", arguments, directory, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["NO_COLOR"] = "1" });

    private async Task WaitUntilListeningAsync()
    {
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(_httpsPort, StartTimeout);
            await LoopbackPort.WaitUntilListeningAsync(_mqttTlsPort, StartTimeout);
        }
        catch (Exception exception) when (exception is TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"The server ({_dll}) did not start listening: {Log}", exception);
        }
    }

    private static string FindDll()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var path = Path.Combine(RepositoryPaths.Root, "src", "Server", "bin", output.Parent!.Name, output.Name, "Proxus.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The server is not built for this configuration; build it first.", path);
    }

    [GeneratedRegex(@"one-time password\s+(\S+)\s+Sign in")]
    private static partial Regex InitialPasswordLine();
}
