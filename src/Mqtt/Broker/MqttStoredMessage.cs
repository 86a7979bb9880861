using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>One outbound message of a stored session.</summary>
public sealed record MqttStoredMessage
{
    public required MqttRoutedMessage Message { get; init; }

    /// <summary>The QoS granted for this delivery (the lower of message and subscription).</summary>
    public MqttQualityOfService QualityOfService { get; init; }

    /// <summary>The retain flag as delivered (Retain As Published applied).</summary>
    public bool Retain { get; init; }

    /// <summary>0 while queued; the packet id once in flight.</summary>
    public ushort PacketId { get; init; }

    /// <summary>QoS 2 in flight whose PUBREC arrived: PUBREL is what must be resent.</summary>
    public bool Released { get; init; }

    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];
}
