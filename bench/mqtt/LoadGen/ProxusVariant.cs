namespace Proxus.Bench.Mqtt;

/// <summary>
/// A configuration of our server to measure, named in the table's broker column. <c>proxus</c> is the
/// server as deployed (metrics collected; its own MQTT consumers connected: UNS ingest, agent status,
/// write results), with the ingest consumer on a UNS root that the bench's <c>bench/...</c> topics are
/// not under: in production only agents publish, each below its site's UNS prefix, so every message
/// outside <c>proxus/</c> is a tag value to store, and the cost of storing is bench/ingest's subject.
/// The others change one setting so that its cost on the message path can be read off as a ratio.
/// </summary>
public sealed record ProxusVariant(string Name, string Description, IReadOnlyList<string> ServerArguments, IReadOnlyDictionary<string, string>? Environment = null)
{
    public const string Deployed = "proxus";

    public const string MetricsOff = "proxus-metrics-off";

    private const string UnsRoot = "--MqttConsumer:UnsFilters:0=enterprise/#";

    public static IReadOnlyList<ProxusVariant> All { get; } =
    [
        new(Deployed, "the server's defaults, ingest on `enterprise/#`", [UnsRoot]),
        new(MetricsOff, "no /metrics endpoint and no MeterListener (`Observability:Metrics:Enabled=false`)", [UnsRoot, "--Observability:Metrics:Enabled=false"]),
        new("proxus-ingest-all", "ingest on `#` (the default filter): every bench message also goes to the ingest consumer, which rejects it as not a tag value", []),
        new("proxus-no-consumers", "without the server's own MQTT consumers (`MqttConsumer:Enabled=false`)", ["--MqttConsumer:Enabled=false"]),
        new("proxus-workstation-gc", "workstation GC instead of server GC (`DOTNET_gcServer=0`)", [UnsRoot], new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }),
        new("proxus-inline-io", "socket completions and Kestrel's connection code run on the epoll thread, no thread-pool hop (`DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1`)", [UnsRoot], new Dictionary<string, string> { ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1" }),
        new("proxus-no-pgo", "no dynamic PGO: one tier-1 compilation per hot method instead of an instrumented one first (`DOTNET_TieredPGO=0`)", [UnsRoot], new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0" }),
        new("proxus-gen0-64mb", "a 64 MB young generation, as the systemd unit and the Docker image run the server (`DOTNET_GCgen0size=0x4000000`)", [UnsRoot], new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x4000000" }),
        new("proxus-server-gc", "server GC (`DOTNET_gcServer=1`)", [UnsRoot], new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" }),
        new("proxus-gc-nonconcurrent", "no background GC (`DOTNET_gcConcurrent=0`)", [UnsRoot], new Dictionary<string, string> { ["DOTNET_gcConcurrent"] = "0" }),
        new("proxus-pool-spin", "thread-pool workers spin before they block, the runtime's default (`DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=70`)", [UnsRoot], new Dictionary<string, string> { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "70" }),
        new("proxus-wide-window", "QoS 1/2 messages in flight to a client up to its Receive Maximum, as mosquitto's `max_inflight_messages 0` (`Mqtt:Broker:MaximumInFlightMessages=65535`)", [UnsRoot, "--Mqtt:Broker:MaximumInFlightMessages=65535"]),
        new("proxus-window-100", "at most 100 QoS 1/2 messages in flight to a client, the default before session 6 (`Mqtt:Broker:MaximumInFlightMessages=100`)", [UnsRoot, "--Mqtt:Broker:MaximumInFlightMessages=100"]),
    ];

    public static ProxusVariant? Find(string name) => All.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal));
}
