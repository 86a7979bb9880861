using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Agent.Acquisition;
using Proxus.Agent.Storage;
using Proxus.Agent.Tests.Support;
using Proxus.Core.Configuration;
using Proxus.Core.Model;

namespace Proxus.Agent.Tests.Acquisition;

/// <summary>
/// An OPC UA connection configured with <c>acquisition: Subscription</c>, against node-opcua's
/// server: the values arrive as data change notifications of monitored items (the server serves no
/// Read of the tags), through the same normalization as polled values, and come back after the
/// server restarts.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OpcUaSubscriptionAcquisitionTests(NodeOpcUaServer server) : IClassFixture<NodeOpcUaServer>, IAsyncLifetime
{
    private const string Agent = "6f1c2a4e-0b7d-4c55-9d61-1e0f3a2b4c5d";
    private const string Ticks = "Acme/SiteA/Press/Line1/Press_Machine/Ticks";
    private const string Pressure = "Acme/SiteA/Press/Line1/Press_Machine/Pressure_kPa";
    private const string Uncertain = "Acme/SiteA/Press/Line1/Press_Machine/Uncertain";
    private const string Missing = "Acme/SiteA/Press/Line1/Press_Machine/Missing";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-acq-ua-").FullName;
    private readonly RecordingPublisher _publisher = new();
    private AcquisitionEngine _engine = null!;

    public Task InitializeAsync()
    {
        var paths = new AgentPaths(_directory);
        var devices = new DeviceConnectionFactory(new AgentSecrets(paths), server.TrustingPki, TimeSpan.FromSeconds(3), TimeProvider.System);
        _engine = new AcquisitionEngine(devices, new SequenceAllocator(paths.SequencePath), _publisher, NullLogger<AcquisitionEngine>.Instance, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Subscription_ValuesArriveAsDataChanges_NormalizedWithoutAnyReadOfTheTags()
    {
        var from = server.Output.Length;
        await _engine.ApplyAsync(Configuration(OpcUaAcquisition.Subscription), CancellationToken.None);

        var first = await _publisher.WaitForAsync(Ticks, _ => true, Timeout);
        await _publisher.WaitForAsync(Ticks, payload => payload.GetProperty("value").GetInt64() >= Value(first) + 5, Timeout);
        var pressure = await _publisher.WaitForAsync(Pressure, _ => true, Timeout);
        var uncertain = await _publisher.WaitForAsync(Uncertain, _ => true, Timeout);
        var missing = await _publisher.WaitForAsync(Missing, _ => true, Timeout);

        pressure.Payload.GetProperty("value").GetDouble().Should().Be(350, "the Float node holds 3.5 bar, published in kPa");
        pressure.Payload.GetProperty("unit").GetString().Should().Be("kPa");
        pressure.Payload.GetProperty("quality").GetString().Should().Be("good");
        pressure.Payload.GetProperty("source").GetString().Should().Be("ns=1;s=Float");
        uncertain.Payload.GetProperty("quality").GetString().Should().Be("uncertain");
        uncertain.Payload.GetProperty("reason").GetString().Should().Be("UncertainLastUsableValue");
        missing.Payload.GetProperty("quality").GetString().Should().Be("bad");
        missing.Payload.GetProperty("reason").GetString().Should().Be("BadNodeIdUnknown");
        _publisher.On(Pressure).Should().ContainSingle("a value that does not change is reported once");
        var ticks = _publisher.On(Ticks).Select(message => message.Payload.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        ticks.Should().BeInAscendingOrder("each change carries the server's source timestamp");
        ReadsOfTags(from).Should().BeEmpty("the tags are monitored, never read");
        _engine.SampleHealth().Single().State.Should().Be(Core.Status.ConnectionState.Connected);
    }

    [Fact]
    public async Task Subscription_ServerRestarts_TagsGoBadAndComeBackByNewMonitoredItems()
    {
        await _engine.ApplyAsync(Configuration(OpcUaAcquisition.Subscription), CancellationToken.None);
        await _publisher.WaitForAsync(Pressure, _ => true, Timeout);
        await _publisher.WaitForAsync(Ticks, _ => true, Timeout);

        await server.RestartAsync();

        var bad = await _publisher.WaitForAsync(Pressure, payload => payload.GetProperty("quality").GetString() == "bad", Timeout);
        bad.Payload.GetProperty("reason").GetString().Should().NotBeNullOrEmpty();
        var restartedAt = DateTimeOffset.UtcNow;
        var good = await _publisher.WaitForAsync(Pressure, payload => payload.GetProperty("quality").GetString() == "good" && Sequence(payload) > Sequence(bad.Payload), Timeout);
        good.Payload.GetProperty("value").GetDouble().Should().Be(350);
        await _publisher.WaitForAsync(Ticks, payload => payload.GetProperty("timestamp").GetDateTimeOffset() > restartedAt, Timeout);
        ReadsOfTags(0).Should().BeEmpty("the restarted server's values arrive by monitored items created again");
    }

    [Fact]
    public async Task Apply_AcquisitionChangedToPolling_ReadsTheTagsAtTheirInterval()
    {
        var from = server.Output.Length;
        await _engine.ApplyAsync(Configuration(OpcUaAcquisition.Subscription), CancellationToken.None);
        await _publisher.WaitForAsync(Pressure, _ => true, Timeout);

        var (started, _, stopped) = await _engine.ApplyAsync(Configuration(OpcUaAcquisition.Poll), CancellationToken.None);

        (started, stopped).Should().Be((1, 1), "a changed acquisition restarts the connection with the new definition");
        ReadsOfTags(from).Should().BeEmpty();
        await WaitUntilAsync(() => ReadsOfTags(from).Any(read => read.Contains("ns=1;s=Float", StringComparison.Ordinal)), "a Read of the polled tags");
    }

    private AgentConfiguration Configuration(OpcUaAcquisition acquisition) => new(
        Agent,
        TestAgent.Site,
        [
            new Connection
            {
                Id = "line-ua",
                Protocol = Protocol.OpcUa,
                Agent = Agent,
                Endpoint = new OpcUaEndpoint(server.EndpointUrl, new OpcUaSecurity()) { Acquisition = acquisition },
                PollGroups = [new PollGroup("fast", TimeSpan.FromMilliseconds(200))],
            },
        ],
        [
            Tag(Ticks, "ns=1;s=Dynamic.0", DataType.UInt32),
            Tag(Pressure, "ns=1;s=Float", DataType.Float32) with { SourceUnit = "bar", Unit = "kPa" },
            Tag(Uncertain, "ns=1;s=UncertainDouble", DataType.Float64),
            Tag(Missing, "ns=1;s=NoSuchNode", DataType.Float64),
        ]);

    private static Tag Tag(string path, string address, DataType type) => TestTags.Tag(path, "line-ua", address, type) with { PollInterval = null, PollGroup = "fast" };

    private static long Value(RecordingPublisher.Published message) => message.Payload.GetProperty("value").GetInt64();

    private static long Sequence(JsonElement payload) => payload.GetProperty("seq").GetInt64();

    /// <summary>
    /// The Read requests for one of the tags' nodes the server served since its output had
    /// <paramref name="from"/> characters (the client's own keep-alive reads the server state, i=2259).
    /// </summary>
    private List<string> ReadsOfTags(int from) =>
    [
        .. server.Output[from..].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("READ ", StringComparison.Ordinal) && line.Contains("ns=1;", StringComparison.Ordinal)),
    ];

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Waited in vain for " + what);
            }

            await Task.Delay(100);
        }
    }
}
