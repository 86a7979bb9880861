namespace Proxus.Mqtt.Packets;

/// <summary>DISCONNECT (MQTT 5.0 section 3.14); in 3.1.1 only the client sends it and it has no body.</summary>
public sealed record DisconnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Disconnect;

    public MqttReasonCode ReasonCode { get; init; }

    public uint? SessionExpiryInterval { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    public string? ServerReference { get; init; }
}
