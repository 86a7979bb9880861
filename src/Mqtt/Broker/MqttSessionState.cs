namespace Proxus.Mqtt.Broker;

/// <summary>A persistent session as stored: subscriptions and the QoS 1/2 messages not yet delivered.</summary>
public sealed record MqttSessionState
{
    public required string ClientId { get; init; }

    /// <summary>Seconds the session outlives its connection.</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>When the client disconnected; null while it is connected.</summary>
    public DateTimeOffset? DisconnectedAt { get; init; }

    public IReadOnlyList<MqttStoredSubscription> Subscriptions { get; init; } = [];

    /// <summary>In-flight messages (with their packet id) first, then queued ones (packet id 0), in order.</summary>
    public IReadOnlyList<MqttStoredMessage> Messages { get; init; } = [];

    /// <summary>Packet ids of QoS 2 publishes received from the client whose PUBREL has not arrived.</summary>
    public IReadOnlyList<ushort> PendingIncomingQoS2 { get; init; } = [];
}
