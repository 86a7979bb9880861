using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Proxus.TestSupport;

/// <summary>
/// The real server, as deployed: <c>dotnet Proxus.Server.dll</c> from the server's own build output,
/// on free loopback ports, with its own data directory and SQLite (or a given PostgreSQL database).
/// The ports and the data directory stay the same across <see cref="KillAsync"/>/<see cref="StopAsync"/>
/// and <see cref="RestartAsync"/>, so enrolled agents find it again. Stopped by process id on dispose.
/// The REST API helpers (first administrator, users, sessions) are in <c>ServerProcess.Api.cs</c>.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<string> LazyDllPath = new(FindDll);

    private readonly List<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly bool _ownsDataDirectory;
    private readonly StringBuilder _previousLogs = new();
    private ExternalProcess _process;

    private ServerProcess(ExternalProcess process, List<string> arguments, IReadOnlyDictionary<string, string> environment, string dataDirectory, bool ownsDataDirectory, Uri baseAddress, int? mqttPort, int? mqttTlsPort)
    {
        _process = process;
        _arguments = arguments;
        _environment = environment;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        BaseAddress = baseAddress;
        MqttPort = mqttPort;
        MqttTlsPort = mqttTlsPort;
    }

    /// <summary><c>src/Server/bin/&lt;configuration&gt;/&lt;framework&gt;/Proxus.Server.dll</c>, matching this test's build.</summary>
    public static string DllPath => LazyDllPath.Value;

    /// <summary>The current server process.</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The REST API, portal and agent API (<c>https://127.0.0.1:PORT/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The plain MQTT development listener on 127.0.0.1, when <see cref="ServerProcessOptions.LoopbackMqtt"/>.</summary>
    public int? MqttPort { get; }

    /// <summary>MQTT over TLS with client certificates, when <see cref="ServerProcessOptions.MqttTls"/>.</summary>
    public int? MqttTlsPort { get; }

    /// <summary>The broker URL agents enroll with (<c>mqtts://127.0.0.1:PORT</c>), when <see cref="ServerProcessOptions.MqttTls"/>.</summary>
    public Uri? BrokerUrl => MqttTlsPort is { } port ? new Uri($"mqtts://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") : null;

    public string DataDirectory { get; }

    /// <summary>Everything every run of the server wrote so far, for assertions and failure messages.</summary>
    public string Log => _previousLogs + _process.StandardOutput + _process.StandardError;

    public static async Task<ServerProcess> StartAsync(ServerProcessOptions? options = null)
    {
        options ??= new ServerProcessOptions();
        var ownsDataDirectory = options.DataDirectory is null;
        var dataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("proxus-server-").FullName;
        var httpPort = LoopbackPort.GetFree();
        int? mqttPort = options.LoopbackMqtt ? LoopbackPort.GetFree() : null;
        int? mqttTlsPort = options.MqttTls ? LoopbackPort.GetFree() : null;
        var scheme = options.Https ? "https" : "http";
        var arguments = new List<string>
        {
            DllPath,
            $"--urls={scheme}://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
            $"--contentRoot={Path.GetDirectoryName(DllPath)}",
            $"--Server:DataDirectory={dataDirectory}",
            $"--Mqtt:DataDirectory={Path.Combine(dataDirectory, "mqtt")}",
            $"--Mqtt:Port={(mqttPort ?? 0).ToString(CultureInfo.InvariantCulture)}",
            $"--Mqtt:TlsPort={(mqttTlsPort ?? 0).ToString(CultureInfo.InvariantCulture)}",
            $"--Logging:LogLevel:Default={options.LogLevel}",
            "--Logging:Console:FormatterOptions:ColorBehavior=Disabled",
        };
        if (options.AnonymousLoopbackMqtt && mqttPort is { } loopback)
        {
            arguments.Add("--Mqtt:AllowAnonymous=true");
            arguments.Add($"--Writes:ResultsBroker=mqtt://127.0.0.1:{loopback.ToString(CultureInfo.InvariantCulture)}");
        }

        if (options.PostgreSqlConnectionString is { } connectionString)
        {
            arguments.Add("--Database:Provider=PostgreSql");
            arguments.Add($"--ConnectionStrings:Proxus={connectionString}");
        }

        arguments.AddRange(options.Settings.Select(setting => $"--{setting.Key}={setting.Value}"));
        var baseAddress = new Uri($"{scheme}://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}/");
        var process = await LaunchAsync(arguments, options.Environment, httpPort);
        return new ServerProcess(process, arguments, options.Environment, dataDirectory, ownsDataDirectory, baseAddress, mqttPort, mqttTlsPort);
    }

    /// <summary>SIGKILL: no shutdown, no DISCONNECT, no last batch.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(StopTimeout);
    }

    /// <summary>SIGTERM (a graceful shutdown), bounded; killed if it takes longer.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        // The server may exit between the check and the signal, so kill's own exit code is not checked.
        var signal = await ExternalProcess.RunAsync("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)], StopTimeout);
        await signal.DisposeAsync();
        try
        {
            await _process.WaitForExitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            // WaitForExitAsync killed it.
        }
    }

    /// <summary>Starts the server again on the same ports and data directory (stopping it first if it runs).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _previousLogs.Append(_process.StandardOutput).Append(_process.StandardError);
        await _process.DisposeAsync();
        _process = await LaunchAsync(_arguments, _environment, BaseAddress.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _process.DisposeAsync();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temporary directory is cleaned by the OS.
            }
        }
    }

    private static async Task<ExternalProcess> LaunchAsync(List<string> arguments, IReadOnlyDictionary<string, string> extraEnvironment, int httpPort)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["NO_COLOR"] = "1",
        };
        foreach (var (name, value) in extraEnvironment)
        {
            environment[name] = value;
        }

        var process = ExternalProcess.Start("dotnet", arguments, environment: environment);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var output = process.StandardOutput + process.StandardError;
                await process.DisposeAsync();
                throw new InvalidOperationException($"The server did not start listening on {httpPort.ToString(CultureInfo.InvariantCulture)}: {output}");
            }

            try
            {
                await LoopbackPort.WaitUntilListeningAsync(httpPort, TimeSpan.FromSeconds(1));
                return process;
            }
            catch (SocketException)
            {
                // Not yet: check that it is still alive and try again.
            }
        }
    }

    private static string FindDll()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent?.Name ?? throw new InvalidOperationException("Unexpected test output folder " + output.FullName);
        var path = Path.Combine(RepositoryPaths.Root, "src", "Server", "bin", configuration, output.Name, "Proxus.Server.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The server is not built for {configuration}/{output.Name}; build the solution first.", path);
    }
}
