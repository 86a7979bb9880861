using System.Net;
using System.Net.Http.Json;
using System.Text;
using Proxus.Core.Configuration;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;
using Proxus.Server.Configuration;
using Proxus.Server.Identity;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;
using Proxus.Server.Writes;
using Proxus.Server.Writes.Contracts;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Writes;

/// <summary>
/// A site wired for governed writes, end to end: the server (API, dispatcher, broker with its
/// mutual-TLS and loopback listeners, results listener) on a real database, the Modbus and S7
/// simulators as processes, the shared <see cref="WritableTagMap"/> (writable, critical and read-only
/// Modbus tags) plus a writable S7 tag and a tag of a second agent,
/// writes enabled for the site, the people of every role, and agent 1 online over mutual TLS with
/// the command processor. Agent 2 never connects.
/// </summary>
public abstract class WritesScenario : IAsyncLifetime
{
    public const string Speed = WritableTagMap.Speed;
    public const string Setpoint = WritableTagMap.Setpoint;
    public const string Counter = WritableTagMap.Counter;
    public const string Level = "Level";
    public const string Remote = "Remote";

    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-writes-").FullName;
    private readonly List<HttpClient> _clients = [];
    private readonly WritableTagMap _tagMap;

    protected WritesScenario() => _tagMap = new WritableTagMap(Prefix);

    public TrustWebHost Server { get; private set; } = null!;

    public SimulatorProcess Modbus { get; private set; } = null!;

    public SimulatorProcess S7 { get; private set; } = null!;

    public AgentCredentials Agent { get; private set; } = null!;

    public AgentCredentials OfflineAgent { get; private set; } = null!;

    public EdgeAgent Edge { get; private set; } = null!;

    public string Prefix { get; } = "Acme/W" + Guid.NewGuid().ToString("N")[..10];

    public HttpClient Engineer { get; private set; } = null!;

    public HttpClient Approver { get; private set; } = null!;

    public HttpClient SecondApprover { get; private set; } = null!;

    /// <summary>Admin and Approver: may approve, but never a request of their own.</summary>
    public HttpClient AdminApprover { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public HttpClient Viewer { get; private set; } = null!;

    public string Tag(string name) => _tagMap.Tag(name);

    public async Task InitializeAsync()
    {
        var database = await CreateDatabaseAsync(Path.Combine(_directory, "data"));
        Server = await TrustWebHost.StartAsync(database, writes: new Dictionary<string, string?>
        {
            ["SweepInterval"] = "00:00:00.200",
            ["CommandLifetime"] = "00:00:04",
            ["AgentClockSkew"] = "00:00:01",
        });
        Modbus = await SimulatorProcess.StartAsync("modbus");
        S7 = await SimulatorProcess.StartAsync("s7", "--db", "1:256");
        Agent = await AgentCredentials.EnrollAsync(Server, Prefix);
        OfflineAgent = await AgentCredentials.EnrollAsync(Server, Agent.Site);
        var levels = Prefix.Split('/');
        await Server.Get<TagMapService>().SetNamespaceAsync(Agent.Site.Id, levels[0], levels[1], "user:test", CancellationToken.None);
        var import = await Server.Get<TagMapService>().ImportAsync(Agent.Site.Id, TagMapFormat.Yaml, new MemoryStream(Encoding.UTF8.GetBytes(TagMapYaml())), "writes", "user:test", CancellationToken.None);
        import.Status.Should().Be(TagMapChangeStatus.Created, string.Join("; ", import.Errors));

        var admin = await SignInAsync([Roles.Admin]);
        using (var enable = await admin.PutAsJsonAsync($"/api/v1/writes/sites/{Agent.Site.Id:D}", new SiteWritesRequest(true)))
        {
            enable.StatusCode.Should().Be(HttpStatusCode.NoContent, await enable.Content.ReadAsStringAsync());
        }

        Engineer = await SignInAsync([Roles.OtEngineer], [Agent.Site.Id]);
        Approver = await SignInAsync([Roles.Approver]);
        SecondApprover = await SignInAsync([Roles.Approver]);
        AdminApprover = await SignInAsync([Roles.Admin, Roles.Approver]);
        Auditor = await SignInAsync([Roles.Auditor]);
        Viewer = await SignInAsync([Roles.Viewer]);

        var authority = Server.Get<CertificateAuthority>();
        Edge = await EdgeAgent.StartAsync(
            Server.MqttTlsPort, Agent.Certificate, [authority.RootCertificate, authority.IssuingCertificate], Agent.Agent.Id, await ConfigurationOfAsync(Agent.Agent.Id), Path.Combine(_directory, "agent"));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (Edge is not null)
        {
            await Edge.DisposeAsync();
        }

        await Server.DisposeAsync();
        await Modbus.DisposeAsync();
        await S7.DisposeAsync();
        Agent?.Dispose();
        OfflineAgent?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    /// <summary>The agent's newest configuration, verified as the agent verifies it.</summary>
    public async Task<AgentConfiguration> ConfigurationOfAsync(Guid agentId)
    {
        var envelope = await Server.Get<AgentConfigService>().LatestAsync(agentId, CancellationToken.None);
        var verified = new ConfigEnvelopeVerifier([Server.Get<CertificateAuthority>().ConfigurationSigningKey]).Verify(envelope!.Envelope, agentId.ToString("D"), null);
        verified.Succeeded.Should().BeTrue(verified.Message);
        return verified.Envelope!.Configuration;
    }

    public async Task<HttpClient> SignInAsync(string[] roles, Guid[]? sites = null)
    {
        var user = await Iam.CreateUserAsync(Server, roles, sites);
        var client = await Iam.SignInAsync(Server, user.UserName);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Posts a request; returns the status and the created request (null unless 201).</summary>
    public async Task<(HttpStatusCode Status, WriteRequestResponse? Request, string Body)> RequestAsync(HttpClient client, string tagName, string value, string reason = "commissioning test")
    {
        using var response = await client.PostAsJsonAsync("/api/v1/writes", new CreateWriteRequest(Tag(tagName), value, reason));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<WriteRequestResponse>() : null, body);
    }

    public static async Task<HttpStatusCode> PostAsync(HttpClient client, string path, object? body = null)
    {
        using var response = await client.PostAsJsonAsync(path, body ?? new { });
        return response.StatusCode;
    }

    /// <summary>Polls the request until it reaches one of <paramref name="states"/> (bounded: 60 s).</summary>
    public async Task<WriteRequestResponse> WaitForAsync(Guid id, params WriteState[] states)
    {
        var writes = Server.Get<WriteRequestService>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var request = await writes.GetAsync(id, timeout.Token);
            if (request is not null && states.Contains(request.State))
            {
                return WriteRequestResponse.Of(request, await writes.TimelineAsync(id, timeout.Token));
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    public async Task<object> ReadModbusAsync(string address, ModbusDataType type)
    {
        await using var client = new ModbusClient(new ModbusClientOptions { Host = "127.0.0.1", Port = Modbus.Port, ConnectTimeout = TimeSpan.FromSeconds(5), RequestTimeout = TimeSpan.FromSeconds(5) });
        return await client.ReadAsync(address, type);
    }

    public async Task WriteModbusAsync(string address, ModbusDataType type, object value)
    {
        await using var client = new ModbusClient(new ModbusClientOptions { Host = "127.0.0.1", Port = Modbus.Port, ConnectTimeout = TimeSpan.FromSeconds(5), RequestTimeout = TimeSpan.FromSeconds(5) });
        await client.WriteAsync(address, type, value);
    }

    /// <summary>Reads an S7 INT (signed 16 bits).</summary>
    public async Task<short> ReadS7IntAsync(string address)
    {
        await using var client = new Drivers.S7.S7Client(new Drivers.S7.S7ClientOptions { Host = "127.0.0.1", Port = S7.Port, Slot = 1, ConnectTimeout = TimeSpan.FromSeconds(5), RequestTimeout = TimeSpan.FromSeconds(5) });
        return (short)await client.ReadAsync(Drivers.S7.S7Address.Parse(address, Drivers.S7.S7DataType.Int));
    }

    protected abstract Task<TestDatabase> CreateDatabaseAsync(string dataDirectory);

    private string TagMapYaml() => _tagMap.ToYaml(
        Agent.Agent.Name,
        Modbus.Port,
        moreConnections: $"""
            - id: line-s7
              protocol: S7
              agent: {Agent.Agent.Name}
              host: 127.0.0.1
              port: {S7.Port}
              rack: 0
              slot: 1
              poll_groups:
                - name: fast
                  interval_ms: 1000
            - id: remote-plc
              protocol: ModbusTcp
              agent: {OfflineAgent.Agent.Name}
              host: 127.0.0.1
              port: {Modbus.Port}
              unit_id: 1
              poll_groups:
                - name: fast
                  interval_ms: 1000
            """,
        moreTags: $"""
            - path: {Tag(Level)}
              connection: line-s7
              address: DB1.DBW4
              data_type: Int16
              poll_group: fast
              writable: true
              write_min: -100
              write_max: 100
            - path: {Tag(Remote)}
              connection: remote-plc
              address: HR40
              data_type: UInt16
              poll_group: fast
              writable: true
              write_min: 0
              write_max: 10
            """);
}
