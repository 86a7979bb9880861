using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client;

/// <summary>
/// Everything an <see cref="MqttClient"/> needs to reach and talk to a server. Validated once by
/// the client's constructor (<see cref="Validate"/>): an invalid option is a programming error and
/// fails fast rather than on the first reconnect.
/// </summary>
public sealed record MqttClientOptions
{
    /// <summary>
    /// The server: <c>mqtt://host:1883</c> (TCP), <c>mqtts://host:8883</c> (TLS),
    /// <c>ws://host:port/path</c> or <c>wss://host:port/path</c> (WebSocket, subprotocol <c>mqtt</c>).
    /// </summary>
    public required Uri Server { get; init; }

    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V500;

    /// <summary>Empty lets the server assign one (5.0) — only allowed with <see cref="CleanStart"/>.</summary>
    public string ClientId { get; init; } = string.Empty;

    /// <summary>Clean Start (5.0) / Clean Session (3.1.1) on the first connection; reconnects resume the session.</summary>
    public bool CleanStart { get; init; } = true;

    /// <summary>How long the server keeps the session after the connection ends (5.0); 0 ends it with the connection.</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>Keep Alive; 0 turns PINGREQ off. The server's Server Keep Alive (5.0) overrides it.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    public string? Username { get; init; }

    public ReadOnlyMemory<byte>? Password { get; init; }

    public MqttWillMessage? Will { get; init; }

    /// <summary>How many QoS 1/2 messages the server may have in flight towards us (5.0 Receive Maximum).</summary>
    public ushort ReceiveMaximum { get; init; } = 1024;

    /// <summary>
    /// Our cap on unacknowledged QoS 1/2 publishes. Null: the server's Receive Maximum in 5.0, and
    /// <see cref="DefaultInflightFor311"/> in 3.1.1, which has no way to announce one — a 3.1.1
    /// server that is sent more may drop them (mosquitto does, past its max_inflight_messages).
    /// In 5.0 the smaller of this and the server's Receive Maximum applies.
    /// </summary>
    public ushort? MaximumInflight { get; init; }

    /// <summary>mosquitto's and paho's default window, the safe assumption for a 3.1.1 server.</summary>
    public const ushort DefaultInflightFor311 = 20;

    /// <summary>The largest packet we accept; announced to the server in 5.0 and enforced by the decoder.</summary>
    public uint MaximumPacketSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Use outbound topic aliases up to the server's Topic Alias Maximum (5.0).</summary>
    public bool UseTopicAliases { get; init; } = true;

    /// <summary>User properties sent in CONNECT (5.0).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>Transport security for <c>mqtts://</c> and <c>wss://</c>; required for them.</summary>
    public MqttClientTlsOptions? Tls { get; init; }

    public MqttReconnectOptions Reconnect { get; init; } = new();

    /// <summary>
    /// Opens the byte stream to the server instead of dialling <see cref="Server"/>: for a broker in
    /// the same process, reached through an in-memory pipe pair rather than the kernel. The client
    /// speaks MQTT over it byte for byte as over TCP; it is called for every connection,
    /// reconnections included. <see cref="Server"/> then only names the server in logs and errors
    /// (it needs no port); TLS and WebSocket do not apply.
    /// </summary>
    public Func<CancellationToken, ValueTask<Stream>>? Transport { get; init; }

    /// <summary>Bounds the TCP/TLS/WebSocket handshake plus CONNECT/CONNACK, and SUBSCRIBE/UNSUBSCRIBE round trips.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// False (default): a QoS 1/2 message is acknowledged when the application takes it from
    /// <see cref="MqttClient.Messages"/>. True: only when the application calls
    /// <see cref="MqttClient.Acknowledge"/> — e.g. after the message is committed to a database — so
    /// a message taken but not processed when the process dies is redelivered by the server.
    /// Acknowledgements still go out in the order the messages arrived (MQTT 5.0 section 4.6): one
    /// not yet acknowledged holds back those after it.
    /// </summary>
    public bool ManualAcknowledgement { get; init; }

    /// <summary>
    /// With <see cref="ManualAcknowledgement"/> only. True: the payloads of received QoS 1/2 messages
    /// are cut from slabs of memory the connection reuses once every message in a slab is
    /// acknowledged, instead of an array each, so that a consumer holding its whole receive window
    /// until a commit neither allocates nor keeps young a payload per message. The price is a rule:
    /// once a message is acknowledged (<see cref="MqttClient.Acknowledge"/>), its
    /// <see cref="MqttApplicationMessage.Payload"/> must not be read any more; its bytes are reused.
    /// </summary>
    public bool RecycleAcknowledgedPayloads { get; init; }

    /// <summary>
    /// Signalled when the application hosting this client is stopping (e.g. the host's
    /// <c>ApplicationStopping</c>). A server that then disconnects with Server shutting down (0x8B) —
    /// a broker in the same process stopping with its host — is expected: logged at Information, and
    /// the client does not reconnect.
    /// </summary>
    public CancellationToken HostStopping { get; init; }

    /// <summary>Received messages buffered for the application before the client stops reading the socket.</summary>
    public int ReceiveBufferCapacity { get; init; } = 4096;

    /// <summary>Outbound packets queued ahead of the socket before <c>PublishAsync</c> waits.</summary>
    public int SendQueueCapacity { get; init; } = 8192;

    /// <summary>
    /// Distinct received topic names each connection keeps as shared strings, looked up by their
    /// UTF-8 bytes, so that a message on a known topic costs no decoding and no new string: for a
    /// consumer of many messages on a bounded set of topics. Past this many, topics are decoded
    /// per message. 0 (the default): every received topic is decoded into its own string.
    /// </summary>
    public int ReceivedTopicCacheCapacity { get; init; }

    internal bool UsesTls => Server.Scheme is "mqtts" or "wss";

    internal bool UsesWebSocket => Server.Scheme is "ws" or "wss";

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (!Server.IsAbsoluteUri || Server.Scheme is not ("mqtt" or "mqtts" or "ws" or "wss"))
        {
            errors.Add($"{nameof(Server)} must be an absolute mqtt://, mqtts://, ws:// or wss:// URI.");
        }
        else if (Transport is null && Server.Port is <= 0 or > ushort.MaxValue)
        {
            errors.Add($"{nameof(Server)} must name a port (1-65535).");
        }

        if (ProtocolVersion is not (MqttProtocolVersion.V311 or MqttProtocolVersion.V500))
        {
            errors.Add($"{nameof(ProtocolVersion)} must be 3.1.1 or 5.0.");
        }

        if (ClientId.Length == 0 && !CleanStart)
        {
            errors.Add($"An empty {nameof(ClientId)} requires {nameof(CleanStart)} (MQTT 5.0 section 3.1.3.1).");
        }

        if (ClientId.Length > ushort.MaxValue)
        {
            errors.Add($"{nameof(ClientId)} is too long.");
        }

        if (KeepAlive < TimeSpan.Zero || KeepAlive.TotalSeconds > ushort.MaxValue)
        {
            errors.Add($"{nameof(KeepAlive)} must be between 0 and 65535 seconds.");
        }

        if (Password is not null && Username is null && ProtocolVersion == MqttProtocolVersion.V311)
        {
            errors.Add($"MQTT 3.1.1 does not allow a {nameof(Password)} without a {nameof(Username)}.");
        }

        if (MaximumInflight == 0)
        {
            errors.Add($"{nameof(MaximumInflight)} must be at least 1.");
        }

        if (ReceiveMaximum == 0)
        {
            errors.Add($"{nameof(ReceiveMaximum)} must be at least 1.");
        }

        if (MaximumPacketSize < 128 || MaximumPacketSize > 268_435_460)
        {
            errors.Add($"{nameof(MaximumPacketSize)} must be between 128 and 268,435,460 bytes.");
        }

        if (UsesTls && Tls is null)
        {
            errors.Add($"{Server.Scheme}:// requires {nameof(Tls)} options (the CA that signs the server certificate).");
        }

        if (Transport is not null && (UsesTls || UsesWebSocket))
        {
            errors.Add($"A custom {nameof(Transport)} carries plain MQTT: {nameof(Server)} must be an mqtt:// URI.");
        }

        if (Tls is not null && !UsesTls)
        {
            errors.Add($"{nameof(Tls)} options given for a plain {Server.Scheme}:// server.");
        }

        Tls?.Validate(errors);
        Reconnect.Validate(errors);

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(ConnectTimeout)} must be positive.");
        }

        if (ReceiveBufferCapacity < 1 || SendQueueCapacity < 1)
        {
            errors.Add($"{nameof(ReceiveBufferCapacity)} and {nameof(SendQueueCapacity)} must be at least 1.");
        }

        if (ReceivedTopicCacheCapacity < 0)
        {
            errors.Add($"{nameof(ReceivedTopicCacheCapacity)} must not be negative.");
        }

        if (RecycleAcknowledgedPayloads && !ManualAcknowledgement)
        {
            errors.Add($"{nameof(RecycleAcknowledgedPayloads)} needs {nameof(ManualAcknowledgement)}: payloads are recycled when the application acknowledges them.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid MQTT client options: " + string.Join(" ", errors));
        }
    }
}
