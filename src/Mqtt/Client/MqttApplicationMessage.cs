using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client;

/// <summary>An application message as published or received, without per-connection details (packet id, alias).</summary>
public sealed record MqttApplicationMessage
{
    public required string Topic { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    public MqttQualityOfService QualityOfService { get; init; }

    public bool Retain { get; init; }

    /// <summary>Received only: the server may have delivered this message before (QoS 1).</summary>
    public bool Duplicate { get; init; }

    public MqttPayloadFormat PayloadFormat { get; init; }

    public uint? MessageExpiryInterval { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Request/response (5.0 section 4.10): where the responder publishes its answer.</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>Request/response: echoed by the responder so the requester can match the answer.</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>Received only: identifiers of the subscriptions that matched (5.0).</summary>
    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];

    internal static MqttApplicationMessage FromPacket(PublishPacket packet) => new()
    {
        Topic = packet.Topic,
        Payload = packet.Payload,
        QualityOfService = packet.QualityOfService,
        Retain = packet.Retain,
        Duplicate = packet.Duplicate,
        PayloadFormat = packet.PayloadFormat,
        MessageExpiryInterval = packet.MessageExpiryInterval,
        ContentType = packet.ContentType,
        ResponseTopic = packet.ResponseTopic,
        CorrelationData = packet.CorrelationData,
        UserProperties = packet.UserProperties,
        SubscriptionIdentifiers = packet.SubscriptionIdentifiers,
    };

    internal PublishPacket ToPacket() => new()
    {
        Topic = Topic,
        Payload = Payload,
        QualityOfService = QualityOfService,
        Retain = Retain,
        PayloadFormat = PayloadFormat,
        MessageExpiryInterval = MessageExpiryInterval,
        ContentType = ContentType,
        ResponseTopic = ResponseTopic,
        CorrelationData = CorrelationData,
        UserProperties = UserProperties,
    };
}
