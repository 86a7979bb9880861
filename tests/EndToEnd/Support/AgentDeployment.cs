using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Proxus.TestSupport;

namespace Proxus.EndToEnd.Tests.Support;

/// <summary>
/// A small plant on loopback, every part a real process: the server (SQLite), our Modbus and S7
/// simulators, node-opcua's server, and one <c>proxus-agent</c> that an administrator created,
/// enrolled with a one-time token over the REST API and started; <c>mosquitto_sub</c> reads the UNS
/// from the server's loopback listener. Shared by the tests of a class; everything stopped by pid.
/// </summary>
public sealed class AgentDeployment : IAsyncLifetime
{
    public const string Enterprise = "Acme";
    public const string SiteName = "SiteE2E";
    public const string AgentName = "edge-e2e";

    /// <summary>Every wait on the processes or the network is bounded by this.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-e2e-").FullName;
    private ExternalProcess? _opcUa;
    private HttpClient? _admin;

    public ServerProcess Server { get; private set; } = null!;

    public SimulatorProcess Modbus { get; private set; } = null!;

    public SimulatorProcess S7 { get; private set; } = null!;

    public int OpcUaPort { get; } = LoopbackPort.GetFree();

    public AgentProcess? Agent { get; private set; }

    public UnsSubscriber Uns { get; private set; } = null!;

    public Guid SiteId { get; private set; }

    public Guid AgentId { get; private set; }

    public string AgentDataDirectory => Path.Combine(_directory, "agent");

    public HttpClient Admin => _admin ?? throw new InvalidOperationException("Not initialized.");

    public static string TagPath(string tail) => $"{Enterprise}/{SiteName}/{tail}";

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync(new ServerProcessOptions
        {
            LoopbackMqtt = true,
            AnonymousLoopbackMqtt = true,
            MqttTls = true,
            LogLevel = "Warning",
            Settings = new Dictionary<string, string>
            {
                ["Writes:SweepInterval"] = "00:00:00.500",
                ["Writes:CommandLifetime"] = "00:00:10",
                ["Writes:AgentClockSkew"] = "00:00:02",
            },
        });
        Modbus = await SimulatorProcess.StartAsync("modbus");
        S7 = await SimulatorProcess.StartAsync("s7", "--db", "1:256", "--signal", "DB1.DBW6:INT=counter(1,1)");
        _opcUa = ExternalProcess.Start(
            "node",
            [Path.Combine(RepositoryPaths.Root, "tests", "Interop", "OpcUa", "Peers", "opcua-server.js"), "--port", OpcUaPort.ToString(CultureInfo.InvariantCulture), "--pki", Path.Combine(_directory, "opcua-pki"), "--dynamic-count", "1"],
            environment: new Dictionary<string, string> { ["NODE_PATH"] = RepositoryPaths.NodeModules });
        await _opcUa.WaitForOutputAsync("READY", Timeout);

        _admin = await Server.AdminClientAsync();
        SiteId = await PostForIdAsync("api/v1/sites", new { name = "End-to-end plant" });
        await SendAsync(HttpMethod.Put, $"api/v1/sites/{SiteId:D}/namespace", new { enterprise = Enterprise, name = SiteName });
        AgentId = await PostForIdAsync($"api/v1/sites/{SiteId:D}/agents", new { name = AgentName });
        using var tokenResponse = await Admin.PostAsJsonAsync($"api/v1/agents/{AgentId:D}/enrollment-tokens", new { lifetimeMinutes = 60 });
        await ServerProcess.EnsureSuccessAsync(tokenResponse, "enrollment token");
        var token = (await ReadJsonAsync(tokenResponse)).GetProperty("token").GetString()!;

        await AgentProcess.EnrollAsync(Server.BaseAddress, token, await Server.GetCaFingerprintAsync(), AgentDataDirectory, "--broker", Server.BrokerUrl!.ToString());
        StartAgent();
        Uns = await UnsSubscriber.StartAsync(Server.MqttPort!.Value, $"{Enterprise}/{SiteName}/#");
    }

    /// <summary>Starts <c>proxus-agent run</c> (again) on the enrolled data directory.</summary>
    public AgentProcess StartAgent()
    {
        if (Agent is { HasExited: false })
        {
            throw new InvalidOperationException("The agent runs already.");
        }

        Agent = AgentProcess.Start(AgentDataDirectory, "--config-poll-interval", "60");
        return Agent;
    }

    /// <summary>Stops the agent gracefully (SIGTERM) and waits for it.</summary>
    public async Task StopAgentAsync()
    {
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
            Agent = null;
        }
    }

    /// <summary>Publishes a YAML tag map as the site's next version (a content equal to the current version's changes nothing).</summary>
    public async Task PublishTagMapAsync(string yaml, string comment)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await Admin.PostAsync(new Uri($"api/v1/sites/{SiteId:D}/tag-map/versions?comment={Uri.EscapeDataString(comment)}", UriKind.Relative), content);
        await ServerProcess.EnsureSuccessAsync(response, "tag map publication");
    }

    /// <summary>
    /// Whether the agent runs a configuration with writes enabled: its stored envelope (the one it
    /// applied last) is not in diode mode, and its status reports that envelope's version as applied.
    /// </summary>
    public bool AgentRunsWritableConfiguration()
    {
        var envelopePath = Path.Combine(AgentDataDirectory, "config", "current.envelope");
        if (Agent?.ReadStatus() is not { } status || !File.Exists(envelopePath))
        {
            return false;
        }

        using var envelope = JsonDocument.Parse(File.ReadAllBytes(envelopePath));
        var version = envelope.RootElement.GetProperty("header").GetProperty("version").GetInt64();
        var diodeMode = envelope.RootElement.GetProperty("payload").TryGetProperty("diodeMode", out var diode) && diode.GetBoolean();
        var applied = status.GetProperty("report").GetProperty("configVersion");
        return !diodeMode && applied.ValueKind == JsonValueKind.Number && applied.GetInt64() == version;
    }

    /// <summary>Sets a device value with the agent's commissioning command (<c>proxus-agent write</c>), as an engineer would.</summary>
    public async Task SetDeviceValueAsync(string endpoint, string address, string value, string? type = null)
    {
        string[] arguments = type is null ? ["write", endpoint, address, value] : ["write", endpoint, address, value, "--type", type];
        var result = await AgentProcess.CommandAsync(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"proxus-agent write {endpoint} {address} {value} failed: {result.Output}{result.Error}");
        }
    }

    public string ModbusEndpoint => $"modbus-tcp://127.0.0.1:{Modbus.Port.ToString(CultureInfo.InvariantCulture)}?unit=1";

    public string S7Endpoint => $"s7://127.0.0.1:{S7.Port.ToString(CultureInfo.InvariantCulture)}?rack=0&slot=1";

    /// <summary>The server's, the agent's and the subscriber's output, for failure messages.</summary>
    public string Diagnostics() => $"Agent: {Agent?.Log} Server: {Server.Log}";

    public async Task SendAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        using var response = await Admin.SendAsync(request);
        await ServerProcess.EnsureSuccessAsync(response, $"{method} {path}");
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (Uns is not null)
        {
            await Uns.DisposeAsync();
        }

        await StopAgentAsync();
        _admin?.Dispose();
        if (_opcUa is not null)
        {
            await _opcUa.DisposeAsync();
        }

        if (S7 is not null)
        {
            await S7.DisposeAsync();
        }

        if (Modbus is not null)
        {
            await Modbus.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A process still letting go of a file; the OS cleans the temporary folder.
        }
    }

    private async Task<Guid> PostForIdAsync(string path, object body)
    {
        using var response = await Admin.PostAsJsonAsync(path, body);
        await ServerProcess.EnsureSuccessAsync(response, "POST " + path);
        return (await ReadJsonAsync(response)).GetProperty("id").GetGuid();
    }
}
