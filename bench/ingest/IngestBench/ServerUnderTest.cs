using System.Globalization;
using Proxus.Bench.ServerProbe;
using Proxus.TestSupport;

namespace Proxus.Bench.Ingest;

/// <summary>
/// Our server (Release build) on the benchmark database: the embedded broker's loopback listener
/// (anonymous, for the load generator) and its own UNS consumer on it. Stopped by process id. The
/// benchmark follows its progress by its own ingest counter (<c>proxus_telemetry_stored_total</c> at
/// <c>/metrics</c>, anonymous here) rather than by counting rows in a growing table, and its
/// garbage collector through <see cref="ServerProbes.GcStatsVariable"/> (bench/ServerProbe).
/// </summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private const string StoredMetric = "proxus_telemetry_stored_total ";

    private readonly ExternalProcess _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private ServerUnderTest(ExternalProcess process, string directory, int mqttPort, int httpPort)
    {
        _process = process;
        _directory = directory;
        MqttPort = mqttPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The runtime settings the server's deployments set (deploy/systemd/proxus-server.service, docker/server.Dockerfile).</summary>
    public static readonly IReadOnlyDictionary<string, string> ProductionEnvironment = new Dictionary<string, string>
    {
        ["DOTNET_GCgen0size"] = "0x4000000",
    };

    public int MqttPort { get; }

    public Uri Broker => new($"mqtt://127.0.0.1:{MqttPort.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Starts the server with <paramref name="tuning"/> as configuration and <paramref name="runtime"/> (garbage collector settings) set over <see cref="ProductionEnvironment"/>.</summary>
    public static async Task<ServerUnderTest> StartAsync(string serverDll, string connectionString, IReadOnlyDictionary<string, string> tuning, IReadOnlyDictionary<string, string> runtime)
    {
        var directory = Directory.CreateTempSubdirectory("proxus-bench-ingest-").FullName;
        int httpPort = LoopbackPort.GetFree(), mqttPort = LoopbackPort.GetFree();
        var arguments = new List<string>
        {
            serverDll,
            $"--urls=http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
            "--Database:Provider=PostgreSql",
            $"--ConnectionStrings:Proxus={connectionString}",
            $"--Server:DataDirectory={Path.Combine(directory, "data")}",
            $"--Mqtt:Port={mqttPort.ToString(CultureInfo.InvariantCulture)}",
            "--Mqtt:TlsPort=0",
            "--Mqtt:AllowAnonymous=true",
            "--Mqtt:DataDirectory=",
            "--Logging:LogLevel:Default=Warning",
            "--Observability:Metrics:AllowAnonymous=true",
        };
        arguments.AddRange(tuning.Select(setting => $"--{setting.Key}={setting.Value}"));
        var environment = new Dictionary<string, string>(ProductionEnvironment)
        {
            [ServerProbes.StartupHooksVariable] = ServerProbes.AssemblyPath,
            [ServerProbes.GcStatsVariable] = Path.Combine(directory, "gc-stats"),
        };
        foreach (var (name, value) in runtime)
        {
            environment[name] = value;
        }
        var process = ExternalProcess.Start("dotnet", arguments, directory, environment);
        var server = new ServerUnderTest(process, directory, mqttPort, httpPort);
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(mqttPort, TimeSpan.FromSeconds(120));
        }
        catch (System.Net.Sockets.SocketException)
        {
            var output = process.StandardOutput + process.StandardError;
            await server.DisposeAsync();
            throw new InvalidOperationException("The server did not start: " + output);
        }

        return server;
    }

    public int ProcessId => _process.Id;

    /// <summary>The server's garbage-collector figures now (see <see cref="ServerProbes.GcStatsVariable"/> (bench/ServerProbe)).</summary>
    public ServerGcStats Gc => ServerGcStats.Read(Path.Combine(_directory, "gc-stats"));

    /// <summary>Values the ingest pipeline has committed since the server started (its <c>proxus.telemetry.stored</c> counter).</summary>
    public async Task<long> StoredAsync(CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(StoredMetric, StringComparison.Ordinal))
            {
                return (long)double.Parse(line.AsSpan(StoredMetric.Length), CultureInfo.InvariantCulture);
            }
        }

        // Reported once the pipeline has committed something.
        return 0;
    }

    /// <summary>
    /// Polls <see cref="StoredAsync"/> as the measured run does (every 50 ms) until the counter reaches
    /// <paramref name="expected"/>: the warm-up rounds wait this way so that the HTTP path of the
    /// counter (routing, the endpoint's request delegate, the metrics scrape) is compiled and tiered
    /// up before the clock starts, not charged to the run.
    /// </summary>
    public async Task WaitForStoredAsync(long expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        long stored;
        while ((stored = await StoredAsync(cancellationToken)) < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{stored:N0} of {expected:N0} values committed after {timeout}.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public string Output => _process.StandardOutput + _process.StandardError;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
