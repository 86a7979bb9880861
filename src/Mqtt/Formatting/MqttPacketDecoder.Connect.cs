using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <content>CONNECT (section 3.1) and CONNACK (section 3.2).</content>
public static partial class MqttPacketDecoder
{
    private static ConnectPacket ReadConnect(ref MqttBodyReader reader)
    {
        // 3.1.2.1 Protocol Name and 3.1.2.2 Protocol Version.
        var protocolName = reader.ReadLengthPrefixed();
        var level = reader.ReadByte();
        if (!protocolName.SequenceEqual("MQTT"u8))
        {
            if (protocolName.SequenceEqual("MQIsdp"u8))
            {
                MqttThrow.Protocol(MqttReasonCode.UnsupportedProtocolVersion, "MQTT 3.1 (protocol name MQIsdp) is not supported.");
            }

            MqttThrow.ProtocolError("The protocol name must be \"MQTT\".");
        }

        var version = level switch
        {
            4 => MqttProtocolVersion.V311,
            5 => MqttProtocolVersion.V500,
            _ => UnsupportedLevel(level),
        };

        // 3.1.2.3 Connect Flags.
        var flags = reader.ReadByte();
        if ((flags & 0x01) != 0)
        {
            MqttThrow.Malformed("The reserved CONNECT flag must be 0.");
        }

        var willFlag = (flags & 0x04) != 0;
        var willQos = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        var passwordFlag = (flags & 0x40) != 0;
        var usernameFlag = (flags & 0x80) != 0;
        if (willQos == 3)
        {
            MqttThrow.Malformed("Will QoS 3 is not allowed.");
        }

        if (!willFlag && (willQos != 0 || willRetain))
        {
            MqttThrow.Malformed("Will QoS and Will Retain must be 0 when the Will Flag is 0.");
        }

        if (version == MqttProtocolVersion.V311 && passwordFlag && !usernameFlag)
        {
            MqttThrow.Malformed("MQTT 3.1.1 does not allow a password without a user name.");
        }

        var keepAlive = reader.ReadUInt16();
        var properties = version == MqttProtocolVersion.V500
            ? MqttPropertyBag.Read(ref reader, MqttPropertyScope.Connect)
            : default;
        RequireMethodForData(in properties);

        // 3.1.3 Payload: Client Identifier, Will Properties, Will Topic, Will Payload, User Name, Password.
        var clientId = reader.ReadString();
        var will = willFlag ? ReadWill(ref reader, version, (MqttQualityOfService)willQos, willRetain) : null;
        var username = usernameFlag ? reader.ReadString() : null;
        var password = passwordFlag ? reader.ReadBinary() : null;

        return new ConnectPacket
        {
            ProtocolVersion = version,
            ClientId = clientId,
            CleanStart = (flags & 0x02) != 0,
            KeepAliveSeconds = keepAlive,
            Username = username,
            Password = Optional(password),
            Will = will,
            SessionExpiryInterval = properties.SessionExpiryInterval ?? 0,
            ReceiveMaximum = properties.ReceiveMaximum ?? ushort.MaxValue,
            MaximumPacketSize = properties.MaximumPacketSize,
            TopicAliasMaximum = properties.TopicAliasMaximum ?? 0,
            RequestResponseInformation = properties.RequestResponseInformation ?? false,
            RequestProblemInformation = properties.RequestProblemInformation ?? true,
            UserProperties = properties.UserPropertyList,
            AuthenticationMethod = properties.AuthenticationMethod,
            AuthenticationData = Optional(properties.AuthenticationData),
        };
    }

    private static MqttWillMessage ReadWill(ref MqttBodyReader reader, MqttProtocolVersion version, MqttQualityOfService qos, bool retain)
    {
        var properties = version == MqttProtocolVersion.V500
            ? MqttPropertyBag.Read(ref reader, MqttPropertyScope.Will)
            : default;
        var topic = reader.ReadString();
        if (!MqttTopic.IsValidTopicName(topic))
        {
            MqttThrow.Protocol(MqttReasonCode.TopicNameInvalid, "The Will Topic must be a non-empty topic name without wildcards.");
        }

        var payload = reader.ReadBinary();
        return new MqttWillMessage
        {
            Topic = topic,
            Payload = payload,
            QualityOfService = qos,
            Retain = retain,
            DelayInterval = properties.WillDelayInterval ?? 0,
            PayloadFormat = (MqttPayloadFormat)(properties.PayloadFormatIndicator ?? 0),
            MessageExpiryInterval = properties.MessageExpiryInterval,
            ContentType = properties.ContentType,
            ResponseTopic = properties.ResponseTopic,
            CorrelationData = Optional(properties.CorrelationData),
            UserProperties = properties.UserPropertyList,
        };
    }

    private static ConnAckPacket ReadConnAck(ref MqttBodyReader reader, MqttProtocolVersion version)
    {
        // 3.2.2.1 Connect Acknowledge Flags: bits 7-1 reserved.
        var flags = reader.ReadByte();
        if ((flags & 0xFE) != 0)
        {
            MqttThrow.Malformed("The reserved CONNACK flags must be 0.");
        }

        var code = reader.ReadByte();
        var reasonCode = version == MqttProtocolVersion.V500
            ? MqttReasonCodes.Validate(code, MqttPacketType.ConnAck)
            : MqttReasonCodes.FromConnectReturnCode(code);
        var sessionPresent = (flags & 0x01) != 0;
        if (sessionPresent && reasonCode != MqttReasonCode.Success)
        {
            MqttThrow.ProtocolError("A refusing CONNACK must not set Session Present.");
        }

        if (version != MqttProtocolVersion.V500)
        {
            return new ConnAckPacket { SessionPresent = sessionPresent, ReasonCode = reasonCode };
        }

        var properties = MqttPropertyBag.Read(ref reader, MqttPropertyScope.ConnAck);
        RequireMethodForData(in properties);
        return new ConnAckPacket
        {
            SessionPresent = sessionPresent,
            ReasonCode = reasonCode,
            SessionExpiryInterval = properties.SessionExpiryInterval,
            ReceiveMaximum = properties.ReceiveMaximum,
            MaximumQualityOfService = (MqttQualityOfService?)properties.MaximumQoS,
            RetainAvailable = properties.RetainAvailable,
            MaximumPacketSize = properties.MaximumPacketSize,
            AssignedClientIdentifier = properties.AssignedClientIdentifier,
            TopicAliasMaximum = properties.TopicAliasMaximum,
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
            WildcardSubscriptionAvailable = properties.WildcardSubscriptionAvailable,
            SubscriptionIdentifiersAvailable = properties.SubscriptionIdentifierAvailable,
            SharedSubscriptionAvailable = properties.SharedSubscriptionAvailable,
            ServerKeepAlive = properties.ServerKeepAlive,
            ResponseInformation = properties.ResponseInformation,
            ServerReference = properties.ServerReference,
            AuthenticationMethod = properties.AuthenticationMethod,
            AuthenticationData = Optional(properties.AuthenticationData),
        };
    }

    private static MqttProtocolVersion UnsupportedLevel(byte level)
    {
        MqttThrow.Protocol(MqttReasonCode.UnsupportedProtocolVersion, $"Protocol level {level} is not supported (4 and 5 are).");
        return MqttProtocolVersion.Unknown;
    }

    /// <summary>Authentication Data without an Authentication Method is a Protocol Error (section 3.1.2.11.10).</summary>
    private static void RequireMethodForData(in MqttPropertyBag properties)
    {
        if (properties.AuthenticationData is not null && properties.AuthenticationMethod is null)
        {
            MqttThrow.ProtocolError("Authentication Data requires an Authentication Method.");
        }
    }
}
