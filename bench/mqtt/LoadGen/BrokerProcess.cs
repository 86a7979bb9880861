using System.Diagnostics;
using System.Globalization;
using System.Text;
using Proxus.Bench.ServerProbe;
using Proxus.TestSupport;

namespace Proxus.Bench.Mqtt;

/// <summary>A broker under test: started on loopback ports, measured through /proc, stopped by pid.</summary>
public sealed class BrokerProcess : IAsyncDisposable
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds per second below which a broker counts as idle (started up).</summary>
    private const double IdleCpuShare = 0.05;

    private static readonly TimeSpan MaximumStartupWait = TimeSpan.FromSeconds(60);

    private readonly ExternalProcess? _mosquitto;
    private readonly ServerProcess? _server;
    private readonly string? _directory;

    private BrokerProcess(string name, ExternalProcess mosquitto, string directory, int port, int tlsPort)
    {
        Name = name;
        _mosquitto = mosquitto;
        _directory = directory;
        Port = port;
        TlsPort = tlsPort;
    }

    private BrokerProcess(string name, ServerProcess server, string? probeOutput)
    {
        Name = name;
        _server = server;
        Port = server.MqttPort!.Value;
        TlsPort = server.MqttTlsPort!.Value;
        ProbeOutput = probeOutput;
    }

    public string Name { get; }

    public int Port { get; }

    public int TlsPort { get; }

    /// <summary>Our server, for its REST API (mutual-TLS identities); null for mosquitto.</summary>
    public ServerProcess? Server => _server;

    /// <summary>The file the probe injected into our server writes (<see cref="ServerProbes.TimelineVariable"/>); null when not probed.</summary>
    public string? ProbeOutput { get; }

    private int ProcessId => _server?.ProcessId ?? _mosquitto!.Id;

    /// <summary>Debian's mosquitto with nothing that drops messages (unlimited queues and in-flight windows).</summary>
    public static async Task<BrokerProcess> StartMosquittoAsync(string pkiDirectory)
    {
        var directory = CreateDirectory("mosquitto");
        int port = LoopbackPort.GetFree(), tlsPort = LoopbackPort.GetFree();
        var config = new StringBuilder()
            .AppendLine("per_listener_settings false")
            .AppendLine("allow_anonymous true")
            .AppendLine("persistence false")
            .AppendLine("max_queued_messages 0")
            .AppendLine("max_queued_bytes 0")
            .AppendLine("max_inflight_messages 0")
            .AppendLine("set_tcp_nodelay true")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine($"listener {port} 127.0.0.1")
            .AppendLine($"listener {tlsPort} 127.0.0.1")
            .AppendLine($"cafile {Path.Combine(pkiDirectory, "ca.pem")}")
            .AppendLine($"certfile {Path.Combine(pkiDirectory, "server.pem")}")
            .AppendLine($"keyfile {Path.Combine(pkiDirectory, "server.key")}")
            .AppendLine("require_certificate true");
        var configPath = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(configPath, config.ToString());
        MakeReadable(directory);
        var process = ExternalProcess.Start("mosquitto", ["-c", configPath], directory);
        var broker = new BrokerProcess("mosquitto", process, directory, port, tlsPort);
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(90));
            await LoopbackPort.WaitUntilListeningAsync(tlsPort, TimeSpan.FromSeconds(90));
        }
        catch
        {
            var error = broker.Log;
            await broker.DisposeAsync();
            throw new InvalidOperationException($"mosquitto did not start: {error}");
        }

        await broker.WaitUntilIdleAsync();
        return broker;
    }

    /// <summary>
    /// Our server (the Release build next to this one), started by <see cref="ServerProcess"/> as the tests
    /// start it (fresh data directory, HTTPS API, MQTT over TLS with its own CA's certificates, loopback
    /// MQTT), anonymous loopback clients allowed, in-memory sessions, configured as
    /// <paramref name="variant"/> says; with <paramref name="probe"/>, the load generator's
    /// the probe of <see cref="ServerProbes.TimelineVariable"/> (bench/ServerProbe) runs inside it and records its GC pauses and scheduling delays.
    /// </summary>
    public static async Task<BrokerProcess> StartProxusAsync(ProxusVariant variant, bool probe = false)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var settings = new Dictionary<string, string>
        {
            ["Mqtt:AllowAnonymous"] = "true",
            ["Mqtt:DataDirectory"] = string.Empty,
        };
        foreach (var argument in variant.ServerArguments)
        {
            var (key, value) = (argument[2..argument.IndexOf('=', StringComparison.Ordinal)], argument[(argument.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            settings[key] = value;
        }

        var environment = new Dictionary<string, string>(variant.Environment ?? new Dictionary<string, string>());
        string? probeOutput = null;
        if (probe)
        {
            probeOutput = Path.Combine(Directory.CreateTempSubdirectory("proxus-bench-probe-").FullName, "probe.txt");
            environment[ServerProbes.StartupHooksVariable] = ServerProbes.AssemblyPath;
            environment[ServerProbes.TimelineVariable] = probeOutput;
        }

        var server = await ServerProcess.StartAsync(new ServerProcessOptions
        {
            LoopbackMqtt = true,
            MqttTls = true,
            Settings = settings,
            Environment = environment,
        });
        var broker = new BrokerProcess(variant.Name, server, probeOutput);
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(broker.Port, TimeSpan.FromSeconds(90));
            await LoopbackPort.WaitUntilListeningAsync(broker.TlsPort, TimeSpan.FromSeconds(90));
        }
        catch
        {
            var log = broker.Log;
            await broker.DisposeAsync();
            throw new InvalidOperationException($"{variant.Name} did not start: {log}");
        }

        await broker.WaitUntilIdleAsync();
        return broker;
    }

    /// <summary>What the broker wrote to its standard output and error so far.</summary>
    public string Log => _server?.Log ?? _mosquitto!.StandardOutput + _mosquitto.StandardError;

    /// <summary>utime + stime of the broker process, in seconds (proc(5), fields 14 and 15).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{ProcessId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }

        if (ProbeOutput is not null)
        {
            Directory.Delete(Path.GetDirectoryName(ProbeOutput)!, recursive: true);
        }
    }

    private static string CreateDirectory(string name)
    {
        var directory = Directory.CreateTempSubdirectory($"proxus-bench-{name}-").FullName;
        MakeReadable(directory);
        return directory;
    }

    /// <summary>mosquitto started as root drops to its own user: it must be able to read our files.</summary>
    public static void MakeReadable(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        }
    }

    /// <summary>
    /// Waits until the broker has finished starting: two consecutive seconds below
    /// <see cref="IdleCpuShare"/> of a core (at most <see cref="MaximumStartupWait"/>). Our server keeps
    /// working for several seconds after its ports open (database migrations, its CA, JIT); that work is
    /// not the cost of the messages measured next. Both brokers wait the same way.
    /// </summary>
    public async Task WaitUntilIdleAsync()
    {
        var waited = Stopwatch.StartNew();
        var idleSeconds = 0;
        var previous = CpuSeconds();
        while (idleSeconds < 2 && waited.Elapsed < MaximumStartupWait)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var current = CpuSeconds();
            idleSeconds = current - previous < IdleCpuShare ? idleSeconds + 1 : 0;
            previous = current;
        }
    }
}
