using System.Globalization;
using Proxus.TestSupport;

namespace Proxus.Bench.Ingest;

/// <summary>
/// Our server (Release build) on the benchmark database: the embedded broker's loopback listener
/// (anonymous, for the load generator) and its own UNS consumer on it. Stopped by process id.
/// </summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly ExternalProcess _process;
    private readonly string _directory;

    private ServerUnderTest(ExternalProcess process, string directory, int mqttPort)
    {
        _process = process;
        _directory = directory;
        MqttPort = mqttPort;
    }

    /// <summary>The runtime settings the server's deployments set (deploy/systemd/proxus-server.service, docker/server.Dockerfile).</summary>
    public static readonly IReadOnlyDictionary<string, string> ProductionEnvironment = new Dictionary<string, string>
    {
        ["DOTNET_GCgen0size"] = "0x4000000",
    };

    public int MqttPort { get; }

    public Uri Broker => new($"mqtt://127.0.0.1:{MqttPort.ToString(CultureInfo.InvariantCulture)}");

    public static async Task<ServerUnderTest> StartAsync(string serverDll, string connectionString, IReadOnlyDictionary<string, string> tuning)
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
        };
        arguments.AddRange(tuning.Select(setting => $"--{setting.Key}={setting.Value}"));
        var process = ExternalProcess.Start("dotnet", arguments, directory, ProductionEnvironment);
        var server = new ServerUnderTest(process, directory, mqttPort);
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

    public string Output => _process.StandardOutput + _process.StandardError;

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
