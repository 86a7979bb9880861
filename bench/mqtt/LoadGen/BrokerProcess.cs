using System.Diagnostics;
using System.Globalization;
using System.Text;
using Proxus.TestSupport;

namespace Proxus.Bench.Mqtt;

/// <summary>A broker under test: started on loopback ports, measured through /proc, stopped by pid.</summary>
public sealed class BrokerProcess : IAsyncDisposable
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds per second below which a broker counts as idle (started up).</summary>
    private const double IdleCpuShare = 0.05;

    private static readonly TimeSpan MaximumStartupWait = TimeSpan.FromSeconds(60);

    private readonly ExternalProcess _process;
    private readonly string _directory;

    private BrokerProcess(string name, ExternalProcess process, string directory, int port, int tlsPort)
    {
        Name = name;
        _process = process;
        _directory = directory;
        Port = port;
        TlsPort = tlsPort;
    }

    public string Name { get; }

    public int Port { get; }

    public int TlsPort { get; }

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
        return await WaitAsync(new BrokerProcess("mosquitto", process, directory, port, tlsPort));
    }

    /// <summary>
    /// Our server (Release build), plain and mutual-TLS MQTT listeners, in-memory sessions, configured as
    /// <paramref name="variant"/> says.
    /// </summary>
    public static async Task<BrokerProcess> StartProxusAsync(string serverDll, string pkiDirectory, ProxusVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var directory = CreateDirectory("proxus");
        int port = LoopbackPort.GetFree(), tlsPort = LoopbackPort.GetFree(), httpPort = LoopbackPort.GetFree();
        string[] arguments =
        [
            serverDll,
            $"--urls=http://127.0.0.1:{httpPort}",
            $"--Mqtt:Port={port}",
            "--Mqtt:AllowAnonymous=true",
            $"--Mqtt:TlsPort={tlsPort}",
            $"--Mqtt:Tls:CertificatePath={Path.Combine(pkiDirectory, "server.pem")}",
            $"--Mqtt:Tls:KeyPath={Path.Combine(pkiDirectory, "server.key")}",
            $"--Mqtt:Tls:ClientCaPath={Path.Combine(pkiDirectory, "ca.pem")}",
            "--Mqtt:DataDirectory=",
            "--Logging:LogLevel:Default=Warning",
            .. variant.ServerArguments,
        ];
        var process = ExternalProcess.Start("dotnet", arguments, directory, variant.Environment);
        return await WaitAsync(new BrokerProcess(variant.Name, process, directory, port, tlsPort));
    }

    /// <summary>utime + stime of the broker process, in seconds (proc(5), fields 14 and 15).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
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

    private static async Task<BrokerProcess> WaitAsync(BrokerProcess broker)
    {
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(broker.Port, TimeSpan.FromSeconds(90));
            await LoopbackPort.WaitUntilListeningAsync(broker.TlsPort, TimeSpan.FromSeconds(90));
            await broker.WaitUntilIdleAsync();
            return broker;
        }
        catch
        {
            var error = broker._process.StandardError;
            await broker.DisposeAsync();
            throw new InvalidOperationException($"{broker.Name} did not start: {error}");
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
