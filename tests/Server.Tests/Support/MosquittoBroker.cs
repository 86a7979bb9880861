using Proxus.TestSupport;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// Debian's mosquitto as the external broker of the server's consumers: one plain listener on
/// 127.0.0.1 (a free port), anonymous clients, in-memory persistence, unlimited queues (so that
/// nothing is dropped while a consumer is away), stopped by its process id.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly ExternalProcess _process;
    private readonly string _directory;

    private MosquittoBroker(ExternalProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri Uri => new($"mqtt://127.0.0.1:{Port}");

    public string StandardError => _process.StandardError;

    public static async Task<MosquittoBroker> StartAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The tests run Debian's mosquitto.");
        }

        // Started as root, mosquitto drops to its own user: the directory and file must be readable.
        var directory = Directory.CreateTempSubdirectory("proxus-mosquitto-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var port = LoopbackPort.GetFree();
        var configPath = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllLinesAsync(configPath,
        [
            "per_listener_settings false",
            "allow_anonymous true",
            "persistence false",
            "max_queued_messages 0",
            "max_queued_bytes 0",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            $"listener {port} 127.0.0.1",
        ]);
        File.SetUnixFileMode(configPath, (UnixFileMode)0b110_100_100);
        var process = ExternalProcess.Start("mosquitto", ["-c", configPath], directory);
        var broker = new MosquittoBroker(process, directory, port);
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException)
        {
            var error = process.StandardError;
            await broker.DisposeAsync();
            throw new InvalidOperationException("mosquitto did not start: " + error, e);
        }

        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
