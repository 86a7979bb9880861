namespace Proxus.Mqtt.Packets;

/// <summary>CONNECT (MQTT 5.0 section 3.1, MQTT 3.1.1 section 3.1).</summary>
public sealed record ConnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Connect;

    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V500;

    /// <summary>May be empty: the server then assigns one (5.0) or requires CleanStart (3.1.1).</summary>
    public string ClientId { get; init; } = string.Empty;

    /// <summary>Clean Start (5.0) / Clean Session (3.1.1).</summary>
    public bool CleanStart { get; init; } = true;

    public ushort KeepAliveSeconds { get; init; }

    public string? Username { get; init; }

    public ReadOnlyMemory<byte>? Password { get; init; }

    public MqttWillMessage? Will { get; init; }

    /// <summary>Session Expiry Interval in seconds; 0 ends the session with the connection (5.0 only).</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>How many QoS 1/2 publishes the client accepts concurrently (5.0; 65535 when absent).</summary>
    public ushort ReceiveMaximum { get; init; } = ushort.MaxValue;

    /// <summary>The largest packet the client accepts; null means no limit beyond the protocol's.</summary>
    public uint? MaximumPacketSize { get; init; }

    public ushort TopicAliasMaximum { get; init; }

    public bool RequestResponseInformation { get; init; }

    public bool RequestProblemInformation { get; init; } = true;

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    public string? AuthenticationMethod { get; init; }

    public ReadOnlyMemory<byte>? AuthenticationData { get; init; }
}
