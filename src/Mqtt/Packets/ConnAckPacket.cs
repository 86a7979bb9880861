namespace Proxus.Mqtt.Packets;

/// <summary>
/// CONNACK (MQTT 5.0 section 3.2). For 3.1.1 the reason code is mapped to the return code of
/// section 3.2.2.3 by the encoder (e.g. <see cref="MqttReasonCode.NotAuthorized"/> to 5).
/// </summary>
public sealed record ConnAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.ConnAck;

    public bool SessionPresent { get; init; }

    public MqttReasonCode ReasonCode { get; init; }

    public uint? SessionExpiryInterval { get; init; }

    public ushort? ReceiveMaximum { get; init; }

    /// <summary>Absent means QoS 2 is supported.</summary>
    public MqttQualityOfService? MaximumQualityOfService { get; init; }

    public bool? RetainAvailable { get; init; }

    public uint? MaximumPacketSize { get; init; }

    public string? AssignedClientIdentifier { get; init; }

    public ushort? TopicAliasMaximum { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    public bool? WildcardSubscriptionAvailable { get; init; }

    public bool? SubscriptionIdentifiersAvailable { get; init; }

    public bool? SharedSubscriptionAvailable { get; init; }

    public ushort? ServerKeepAlive { get; init; }

    public string? ResponseInformation { get; init; }

    public string? ServerReference { get; init; }

    public string? AuthenticationMethod { get; init; }

    public ReadOnlyMemory<byte>? AuthenticationData { get; init; }
}
