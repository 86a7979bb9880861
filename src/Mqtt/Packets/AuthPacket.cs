namespace Proxus.Mqtt.Packets;

/// <summary>AUTH (MQTT 5.0 section 3.15): enhanced authentication exchange; 5.0 only.</summary>
public sealed record AuthPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Auth;

    public MqttReasonCode ReasonCode { get; init; }

    public string? AuthenticationMethod { get; init; }

    public ReadOnlyMemory<byte>? AuthenticationData { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
