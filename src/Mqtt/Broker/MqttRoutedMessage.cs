using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>
/// A message as the broker routes, queues, retains and stores it: the PUBLISH content without
/// anything that belongs to one hop (packet id, DUP, topic alias, subscription identifiers).
/// </summary>
public sealed record MqttRoutedMessage
{
    public required string Topic { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    public MqttQualityOfService QualityOfService { get; init; }

    public bool Retain { get; init; }

    public MqttPayloadFormat PayloadFormat { get; init; }

    /// <summary>When the message expires (from its Message Expiry Interval); null when it never does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public string? ContentType { get; init; }

    public string? ResponseTopic { get; init; }

    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>The publishing client (for No Local); empty for messages the broker itself publishes.</summary>
    public string SenderClientId { get; init; } = string.Empty;
}
