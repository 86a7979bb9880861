using System.Security.Cryptography.X509Certificates;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Support;

/// <summary>
/// mosquitto on 127.0.0.1 with a TLS listener that requires a client certificate from the test CA,
/// started by process and stopped by pid.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MosquittoTls : IAsyncDisposable
{
    private readonly string _directory;
    private ExternalProcess? _process;

    private MosquittoTls(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri Url => new($"mqtts://127.0.0.1:{Port}");

    public string Log => (_process?.StandardOutput ?? string.Empty) + (_process?.StandardError ?? string.Empty);

    /// <summary>Starts mosquitto presenting <paramref name="serverCertificate"/> and trusting client certificates of <paramref name="clientCa"/>.</summary>
    public static async Task<MosquittoTls> StartAsync(X509Certificate2 serverCertificate, X509Certificate2 clientCa, int? port = null)
    {
        var directory = Directory.CreateTempSubdirectory("proxus-mosquitto-").FullName;
        File.WriteAllText(Path.Combine(directory, "ca.pem"), clientCa.ExportCertificatePem());
        TestCertificates.WritePem(serverCertificate, Path.Combine(directory, "server.pem"), Path.Combine(directory, "server.key"));
        // mosquitto started as root drops to its own user, which must be able to read the files.
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        foreach (var file in Directory.GetFiles(directory))
        {
            File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        }

        var broker = new MosquittoTls(directory, port ?? LoopbackPort.GetFree());
        File.WriteAllText(Path.Combine(directory, "mosquitto.conf"), $"""
            listener {broker.Port} 127.0.0.1
            cafile {directory}/ca.pem
            certfile {directory}/server.pem
            keyfile {directory}/server.key
            require_certificate true
            use_identity_as_username true
            allow_anonymous false
            persistence false
            log_dest stderr
            log_type error
            log_type warning
            log_type notice
            log_type information
            """);
        await broker.StartAsync();
        return broker;
    }

    /// <summary>(Re)starts the broker process on the same port.</summary>
    public async Task StartAsync()
    {
        _process = ExternalProcess.Start("mosquitto", ["-c", Path.Combine(_directory, "mosquitto.conf")]);
        await _process.WaitForOutputAsync("running", TimeSpan.FromSeconds(15));
    }

    /// <summary>Stops the broker process (by pid).</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
