using System.Text;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Mqtt.Client.Support;

/// <summary>
/// Debian's mosquitto started for one test class on 127.0.0.1 with a generated configuration,
/// stopped by its process id. Optional listeners: TLS with required client certificates,
/// WebSocket, WebSocket over TLS.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly ExternalProcess _process;
    private readonly string _directory;

    private MosquittoBroker(ExternalProcess process, string directory, int port, int? tlsPort, int? webSocketPort, int? secureWebSocketPort)
    {
        _process = process;
        _directory = directory;
        Port = port;
        TlsPort = tlsPort;
        WebSocketPort = webSocketPort;
        SecureWebSocketPort = secureWebSocketPort;
    }

    public int Port { get; }

    public int? TlsPort { get; }

    public int? WebSocketPort { get; }

    public int? SecureWebSocketPort { get; }

    public int ProcessId => _process.Id;

    public Uri Uri => new($"mqtt://127.0.0.1:{Port}");

    /// <param name="certificates">When given: a TLS listener (and a wss listener with <paramref name="webSockets"/>) requiring client certificates from its CA.</param>
    /// <param name="webSockets">Adds a ws:// listener (mosquitto 2.0.11 needs a plain listener next to it to start, which we always have).</param>
    /// <param name="extraConfiguration">Lines appended to the default listener section.</param>
    public static async Task<MosquittoBroker> StartAsync(TestCertificates? certificates = null, bool webSockets = false, string extraConfiguration = "")
    {
        // mosquitto started as root drops to the "mosquitto" user: it must be able to read the files.
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The interop tests run Debian's mosquitto.");
        }

        var directory = Directory.CreateTempSubdirectory("proxus-mosquitto-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var port = LoopbackPort.GetFree();
        var config = new StringBuilder()
            .AppendLine("per_listener_settings false")
            .AppendLine("allow_anonymous true")
            .AppendLine("persistence false")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine(extraConfiguration)
            .AppendLine($"listener {port} 127.0.0.1");

        int? tlsPort = null, webSocketPort = null, secureWebSocketPort = null;
        if (certificates is not null)
        {
            var ca = Path.Combine(directory, "ca.pem");
            File.WriteAllText(ca, certificates.Ca.ExportCertificatePem());
            TestCertificates.WritePem(certificates.Server, Path.Combine(directory, "server.pem"), Path.Combine(directory, "server.key"));
            tlsPort = LoopbackPort.GetFree();
            AppendTls(config.AppendLine($"listener {tlsPort} 127.0.0.1"), directory);
        }

        if (webSockets)
        {
            webSocketPort = LoopbackPort.GetFree();
            config.AppendLine($"listener {webSocketPort} 127.0.0.1").AppendLine("protocol websockets").AppendLine("socket_domain ipv4");
            if (certificates is not null)
            {
                secureWebSocketPort = LoopbackPort.GetFree();
                AppendTls(config.AppendLine($"listener {secureWebSocketPort} 127.0.0.1").AppendLine("protocol websockets").AppendLine("socket_domain ipv4"), directory);
            }
        }

        var configPath = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(configPath, config.ToString());
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        var process = ExternalProcess.Start("mosquitto", ["-c", configPath], directory);
        var broker = new MosquittoBroker(process, directory, port, tlsPort, webSocketPort, secureWebSocketPort);
        try
        {
            foreach (var listening in new[] { port, tlsPort, webSocketPort, secureWebSocketPort })
            {
                if (listening is { } p)
                {
                    await LoopbackPort.WaitUntilListeningAsync(p, TimeSpan.FromSeconds(15));
                }
            }
        }
        catch
        {
            await broker.DisposeAsync();
            throw new InvalidOperationException($"mosquitto did not start: {process.StandardError}");
        }

        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static void AppendTls(StringBuilder config, string directory) => config
        .AppendLine($"cafile {Path.Combine(directory, "ca.pem")}")
        .AppendLine($"certfile {Path.Combine(directory, "server.pem")}")
        .AppendLine($"keyfile {Path.Combine(directory, "server.key")}")
        .AppendLine("require_certificate true")
        .AppendLine("use_identity_as_username true");
}
