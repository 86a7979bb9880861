using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>One delivery of a message to one session: queued, then in flight until acknowledged.</summary>
internal sealed class MqttOutboundMessage
{
    public MqttOutboundMessage(MqttRoutedMessage message, MqttQualityOfService qualityOfService, bool retain, IReadOnlyList<uint> subscriptionIdentifiers)
    {
        Message = message;
        QualityOfService = qualityOfService;
        Retain = retain;
        SubscriptionIdentifiers = subscriptionIdentifiers;
    }

    public MqttRoutedMessage Message { get; }

    public MqttQualityOfService QualityOfService { get; }

    public bool Retain { get; }

    public IReadOnlyList<uint> SubscriptionIdentifiers { get; }

    public ushort PacketId { get; set; }

    /// <summary>QoS 2: PUBREC received, PUBREL sent, waiting for PUBCOMP.</summary>
    public bool Released { get; set; }

    /// <summary>The message sent before this one while both are in flight (<see cref="MqttInFlightMessages"/>'s links).</summary>
    internal MqttOutboundMessage? Previous { get; set; }

    /// <summary>The message sent after this one while both are in flight.</summary>
    internal MqttOutboundMessage? Next { get; set; }

    public bool IsExpired(DateTimeOffset now) => Message.ExpiresAt is { } expiresAt && expiresAt <= now;

    /// <summary>The PUBLISH for this hop; the Message Expiry Interval is what remains of it (5.0 section 3.3.2.3.3).</summary>
    public PublishPacket ToPacket(DateTimeOffset now, bool duplicate)
    {
        var message = Message;
        uint? expiry = null;
        if (message.ExpiresAt is { } expiresAt)
        {
            expiry = (uint)Math.Max(1, Math.Ceiling((expiresAt - now).TotalSeconds));
        }

        return new PublishPacket
        {
            Topic = message.Topic,
            Payload = message.Payload,
            QualityOfService = QualityOfService,
            Retain = Retain,
            Duplicate = duplicate,
            PacketId = PacketId,
            PayloadFormat = message.PayloadFormat,
            MessageExpiryInterval = expiry,
            ContentType = message.ContentType,
            ResponseTopic = message.ResponseTopic,
            CorrelationData = message.CorrelationData,
            UserProperties = message.UserProperties,
            SubscriptionIdentifiers = SubscriptionIdentifiers,
        };
    }

    public MqttStoredMessage ToStored() => new()
    {
        Message = Message,
        QualityOfService = QualityOfService,
        Retain = Retain,
        PacketId = PacketId,
        Released = Released,
        SubscriptionIdentifiers = SubscriptionIdentifiers,
    };

    public static MqttOutboundMessage FromStored(MqttStoredMessage stored) => new(stored.Message, stored.QualityOfService, stored.Retain, stored.SubscriptionIdentifiers)
    {
        PacketId = stored.PacketId,
        Released = stored.Released,
    };
}
