using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <content>SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK (sections 3.8-3.11).</content>
public static partial class MqttPacketDecoder
{
    private static SubscribePacket ReadSubscribe(ref MqttBodyReader reader, MqttProtocolVersion version)
    {
        var packetId = ReadPacketId(ref reader, MqttPacketType.Subscribe);
        var properties = version == MqttProtocolVersion.V500
            ? MqttPropertyBag.Read(ref reader, MqttPropertyScope.Subscribe)
            : default;

        var subscriptions = new List<MqttSubscription>();
        while (!reader.IsAtEnd)
        {
            var filter = reader.ReadString();
            subscriptions.Add(ReadSubscriptionOptions(reader.ReadByte(), filter, version));
        }

        if (subscriptions.Count == 0)
        {
            MqttThrow.ProtocolError("SUBSCRIBE must carry at least one topic filter.");
        }

        return new SubscribePacket
        {
            PacketId = packetId,
            SubscriptionIdentifier = properties.SubscriptionIdentifiers?[0],
            UserProperties = properties.UserPropertyList,
            Subscriptions = subscriptions,
        };
    }

    /// <summary>Subscription Options (5.0 section 3.8.3.1) or Requested QoS (3.1.1 section 3.8.3).</summary>
    private static MqttSubscription ReadSubscriptionOptions(byte options, string filter, MqttProtocolVersion version)
    {
        var reservedMask = version == MqttProtocolVersion.V500 ? 0xC0 : 0xFC;
        if ((options & reservedMask) != 0)
        {
            MqttThrow.Malformed("The reserved bits of the subscription options must be 0.");
        }

        var qos = options & 0x03;
        if (qos == 3)
        {
            MqttThrow.Malformed("A subscription cannot request QoS 3.");
        }

        var retainHandling = (options >> 4) & 0x03;
        if (retainHandling == 3)
        {
            MqttThrow.ProtocolError("Retain Handling 3 is not allowed.");
        }

        var noLocal = (options & 0x04) != 0;
        if (noLocal && filter.StartsWith(MqttTopic.SharedSubscriptionPrefix, StringComparison.Ordinal))
        {
            MqttThrow.ProtocolError("No Local must not be set on a shared subscription.");
        }

        return new MqttSubscription
        {
            TopicFilter = filter,
            MaximumQualityOfService = (MqttQualityOfService)qos,
            NoLocal = noLocal,
            RetainAsPublished = (options & 0x08) != 0,
            RetainHandling = (MqttRetainHandling)retainHandling,
        };
    }

    private static SubAckPacket ReadSubAck(ref MqttBodyReader reader, MqttProtocolVersion version)
    {
        var packetId = ReadPacketId(ref reader, MqttPacketType.SubAck);
        var properties = version == MqttProtocolVersion.V500
            ? MqttPropertyBag.Read(ref reader, MqttPropertyScope.Acknowledgement)
            : default;

        var reasonCodes = new MqttReasonCode[reader.Remaining];
        for (var i = 0; i < reasonCodes.Length; i++)
        {
            var code = reader.ReadByte();
            reasonCodes[i] = version == MqttProtocolVersion.V500
                ? MqttReasonCodes.Validate(code, MqttPacketType.SubAck)
                : MqttReasonCodes.FromSubscribeReturnCode(code);
        }

        if (reasonCodes.Length == 0)
        {
            MqttThrow.ProtocolError("SUBACK must carry at least one reason code.");
        }

        return new SubAckPacket
        {
            PacketId = packetId,
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
            ReasonCodes = reasonCodes,
        };
    }

    private static UnsubscribePacket ReadUnsubscribe(ref MqttBodyReader reader, MqttProtocolVersion version)
    {
        var packetId = ReadPacketId(ref reader, MqttPacketType.Unsubscribe);
        var properties = version == MqttProtocolVersion.V500
            ? MqttPropertyBag.Read(ref reader, MqttPropertyScope.Unsubscribe)
            : default;

        var filters = new List<string>();
        while (!reader.IsAtEnd)
        {
            filters.Add(reader.ReadString());
        }

        if (filters.Count == 0)
        {
            MqttThrow.ProtocolError("UNSUBSCRIBE must carry at least one topic filter.");
        }

        return new UnsubscribePacket
        {
            PacketId = packetId,
            UserProperties = properties.UserPropertyList,
            TopicFilters = filters,
        };
    }

    /// <summary>3.1.1 UNSUBACK is the packet identifier alone (3.1.1 section 3.11).</summary>
    private static UnsubAckPacket ReadUnsubAck(ref MqttBodyReader reader, MqttProtocolVersion version)
    {
        var packetId = ReadPacketId(ref reader, MqttPacketType.UnsubAck);
        if (version != MqttProtocolVersion.V500)
        {
            return new UnsubAckPacket { PacketId = packetId };
        }

        var properties = MqttPropertyBag.Read(ref reader, MqttPropertyScope.Acknowledgement);
        var reasonCodes = new MqttReasonCode[reader.Remaining];
        for (var i = 0; i < reasonCodes.Length; i++)
        {
            reasonCodes[i] = MqttReasonCodes.Validate(reader.ReadByte(), MqttPacketType.UnsubAck);
        }

        if (reasonCodes.Length == 0)
        {
            MqttThrow.ProtocolError("UNSUBACK must carry at least one reason code.");
        }

        return new UnsubAckPacket
        {
            PacketId = packetId,
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
            ReasonCodes = reasonCodes,
        };
    }
}
