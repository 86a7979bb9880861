namespace Proxus.Mqtt.Packets;

/// <summary>PUBLISH (MQTT 5.0 section 3.3). <see cref="MqttPacketWithId.PacketId"/> is 0 for QoS 0.</summary>
public sealed record PublishPacket : MqttPacketWithId
{
    public override MqttPacketType Type => MqttPacketType.Publish;

    /// <summary>May be empty in 5.0 when a <see cref="TopicAlias"/> stands for it.</summary>
    public string Topic { get; init; } = string.Empty;

    public ReadOnlyMemory<byte> Payload { get; init; }

    public MqttQualityOfService QualityOfService { get; init; }

    public bool Retain { get; init; }

    public bool Duplicate { get; init; }

    public MqttPayloadFormat PayloadFormat { get; init; }

    public uint? MessageExpiryInterval { get; init; }

    public ushort? TopicAlias { get; init; }

    public string? ResponseTopic { get; init; }

    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>Server to client only: the identifiers of every matching subscription.</summary>
    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];

    public string? ContentType { get; init; }
}
