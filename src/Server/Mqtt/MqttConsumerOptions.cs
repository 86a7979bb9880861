namespace Proxus.Server.Mqtt;

/// <summary>
/// How the server's own MQTT consumers (telemetry ingest, agent status) reach the broker, section
/// <c>MqttConsumer</c>. Without <see cref="Url"/> they use the embedded broker, in-process
/// (<see cref="EmbeddedBrokerTransport"/>; they run when its loopback listener <c>Mqtt:Port</c> is
/// on), authenticated as the server by a secret that exists only in this process's memory
/// (<see cref="ServerMqttCredentials"/>). With it, they are ordinary
/// MQTT 5.0 clients of any broker (mosquitto, EMQX, HiveMQ, ...), with the credentials and TLS
/// material given here.
/// </summary>
public sealed class MqttConsumerOptions
{
    public const string SectionName = "MqttConsumer";

    /// <summary>Turns both consumers off (a node that only serves the portal and the API).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An external broker: <c>mqtt://host:1883</c>, <c>mqtts://host:8883</c>, <c>ws(s)://host:port/path</c>. Empty: the embedded broker.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// The base client identifier; the consumers append <c>-ingest</c> and <c>-status</c>. It must be
    /// stable across restarts (the ingest session, with its unacknowledged messages, is resumed under
    /// it) and distinct per server node.
    /// </summary>
    public string ClientId { get; set; } = "proxus-server-" + Environment.MachineName;

    /// <summary>External broker only.</summary>
    public string? Username { get; set; }

    /// <summary>External broker only.</summary>
    public string? Password { get; set; }

    /// <summary>PEM file of the CA(s) that sign the external broker's certificate (<c>mqtts</c>, <c>wss</c>); required for them.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>PEM client certificate for mutual TLS with the external broker.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The client certificate's private key (PEM); may be omitted when the certificate file holds it.</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// How long the broker keeps the ingest session after the connection drops: messages published
    /// meanwhile, and those delivered but not yet acknowledged, wait in it for the node to return.
    /// </summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Unacknowledged QoS 1/2 messages the broker may have in flight to the ingest consumer (MQTT 5.0
    /// Receive Maximum). The consumer acknowledges after commit, so this must hold at least two batches
    /// (<c>Telemetry:BatchSize</c>), one committing while the next fills; the embedded broker grants
    /// the server's own consumers all of it.
    /// </summary>
    public int ReceiveMaximum { get; set; } = 20_000;

    /// <summary>The shared-subscription group of the ingest consumers: the nodes in one group split the messages.</summary>
    public string ShareGroup { get; set; } = "proxus-ingest";

    /// <summary>What <see cref="ResolveUnsFilters"/> ingests when no filter is configured: every topic.</summary>
    public const string DefaultUnsFilter = "#";

    /// <summary>
    /// The UNS topic filters ingested (each subscribed as <c>$share/{ShareGroup}/{filter}</c>); empty
    /// means <see cref="DefaultUnsFilter"/>. Empty by default because the configuration binder adds
    /// configured items to a list that already holds some: a default item would stay subscribed next
    /// to <c>MqttConsumer:UnsFilters:0=SiteA/#</c> and take every message anyway.
    /// </summary>
    public IList<string> UnsFilters { get; set; } = [];

    /// <summary>The filters the ingest consumer subscribes: the configured ones, or <see cref="DefaultUnsFilter"/> alone.</summary>
    public IReadOnlyList<string> ResolveUnsFilters() => UnsFilters.Count == 0 ? [DefaultUnsFilter] : [.. UnsFilters];

    public bool UsesEmbeddedBroker => string.IsNullOrWhiteSpace(Url);
}
