using System.Numerics;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <content>CONNECT (section 3.1) and CONNACK (section 3.2).</content>
public static partial class MqttPacketEncoder
{
    /// <summary>Protocol Name "MQTT" as a UTF-8 Encoded String (section 3.1.2.1).</summary>
    private static ReadOnlySpan<byte> ProtocolName => [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T'];

    private static MqttPacketLayout MeasureConnect(ConnectPacket packet, MqttProtocolVersion version)
    {
        if (version == MqttProtocolVersion.V311 && packet.Password is not null && packet.Username is null)
        {
            MqttThrow.CannotEncode("MQTT 3.1.1 does not allow a password without a user name.");
        }

        long body = ProtocolName.Length + 1 + 1 + 2 + MqttSize.String(packet.ClientId);
        long properties = 0;
        if (version == MqttProtocolVersion.V500)
        {
            RequireNonZero<ushort>(packet.ReceiveMaximum, "Receive Maximum");
            RequireNonZero(packet.MaximumPacketSize, "Maximum Packet Size");
            properties = MqttSize.UInt32Property(NonDefault(packet.SessionExpiryInterval, 0u))
                + MqttSize.UInt16Property(NonDefault(packet.ReceiveMaximum, ushort.MaxValue))
                + MqttSize.UInt32Property(packet.MaximumPacketSize)
                + MqttSize.UInt16Property(NonDefault(packet.TopicAliasMaximum, (ushort)0))
                + MqttSize.ByteProperty(NonDefault(packet.RequestResponseInformation, false))
                + MqttSize.ByteProperty(NonDefault(packet.RequestProblemInformation, true))
                + MqttSize.UserProperties(packet.UserProperties)
                + MqttSize.StringProperty(packet.AuthenticationMethod)
                + MqttSize.BinaryProperty(packet.AuthenticationData);
            body += MqttSize.PropertyBlock(properties);
        }

        long willProperties = 0;
        if (packet.Will is { } will)
        {
            if (!MqttTopic.IsValidTopicName(will.Topic))
            {
                MqttThrow.CannotEncode("The Will Topic must be a non-empty topic name without wildcards.");
            }

            if (will.QualityOfService > MqttQualityOfService.ExactlyOnce)
            {
                MqttThrow.CannotEncode($"Will QoS {(int)will.QualityOfService} does not exist.");
            }

            if (version == MqttProtocolVersion.V500)
            {
                willProperties = MqttSize.UInt32Property(NonDefault(will.DelayInterval, 0u))
                    + MqttSize.ByteProperty(PayloadFormat(will.PayloadFormat))
                    + MqttSize.UInt32Property(will.MessageExpiryInterval)
                    + MqttSize.StringProperty(will.ContentType)
                    + MqttSize.StringProperty(will.ResponseTopic)
                    + MqttSize.BinaryProperty(will.CorrelationData)
                    + MqttSize.UserProperties(will.UserProperties);
                body += MqttSize.PropertyBlock(willProperties);
            }

            body += MqttSize.String(will.Topic) + MqttSize.Binary(will.Payload);
        }

        if (packet.Username is not null)
        {
            body += MqttSize.String(packet.Username);
        }

        if (packet.Password is { } password)
        {
            body += MqttSize.Binary(password);
        }

        return MqttPacketLayout.Create(body, properties, willProperties);
    }

    private static void WriteConnect(ConnectPacket packet, MqttProtocolVersion version, in MqttPacketLayout layout, ref MqttBodyWriter writer)
    {
        writer.WriteBytes(ProtocolName);
        writer.WriteByte((byte)version);
        var will = packet.Will;
        var flags = packet.CleanStart ? 0x02 : 0;
        if (will is not null)
        {
            flags |= 0x04 | ((int)will.QualityOfService << 3) | (will.Retain ? 0x20 : 0);
        }

        flags |= packet.Password is null ? 0 : 0x40;
        flags |= packet.Username is null ? 0 : 0x80;
        writer.WriteByte((byte)flags);
        writer.WriteUInt16(packet.KeepAliveSeconds);
        if (version == MqttProtocolVersion.V500)
        {
            writer.WriteVariableByteInteger((uint)layout.PropertiesLength);
            writer.WriteUInt32Property(MqttPropertyId.SessionExpiryInterval, NonDefault(packet.SessionExpiryInterval, 0u));
            writer.WriteUInt16Property(MqttPropertyId.ReceiveMaximum, NonDefault(packet.ReceiveMaximum, ushort.MaxValue));
            writer.WriteUInt32Property(MqttPropertyId.MaximumPacketSize, packet.MaximumPacketSize);
            writer.WriteUInt16Property(MqttPropertyId.TopicAliasMaximum, NonDefault(packet.TopicAliasMaximum, (ushort)0));
            writer.WriteBooleanProperty(MqttPropertyId.RequestResponseInformation, NonDefault(packet.RequestResponseInformation, false));
            writer.WriteBooleanProperty(MqttPropertyId.RequestProblemInformation, NonDefault(packet.RequestProblemInformation, true));
            writer.WriteUserProperties(packet.UserProperties);
            writer.WriteStringProperty(MqttPropertyId.AuthenticationMethod, packet.AuthenticationMethod);
            writer.WriteBinaryProperty(MqttPropertyId.AuthenticationData, packet.AuthenticationData);
        }

        writer.WriteString(packet.ClientId);
        if (will is not null)
        {
            if (version == MqttProtocolVersion.V500)
            {
                writer.WriteVariableByteInteger((uint)layout.WillPropertiesLength);
                writer.WriteUInt32Property(MqttPropertyId.WillDelayInterval, NonDefault(will.DelayInterval, 0u));
                writer.WriteByteProperty(MqttPropertyId.PayloadFormatIndicator, PayloadFormat(will.PayloadFormat));
                writer.WriteUInt32Property(MqttPropertyId.MessageExpiryInterval, will.MessageExpiryInterval);
                writer.WriteStringProperty(MqttPropertyId.ContentType, will.ContentType);
                writer.WriteStringProperty(MqttPropertyId.ResponseTopic, will.ResponseTopic);
                writer.WriteBinaryProperty(MqttPropertyId.CorrelationData, will.CorrelationData);
                writer.WriteUserProperties(will.UserProperties);
            }

            writer.WriteString(will.Topic);
            writer.WriteBinary(will.Payload.Span);
        }

        if (packet.Username is not null)
        {
            writer.WriteString(packet.Username);
        }

        if (packet.Password is { } password)
        {
            writer.WriteBinary(password.Span);
        }
    }

    private static MqttPacketLayout MeasureConnAck(ConnAckPacket packet, MqttProtocolVersion version)
    {
        if (packet.SessionPresent && packet.ReasonCode != MqttReasonCode.Success)
        {
            MqttThrow.CannotEncode("A refusing CONNACK must not set Session Present.");
        }

        if (version != MqttProtocolVersion.V500)
        {
            return MqttPacketLayout.Create(2);
        }

        RequireNonZero(packet.ReceiveMaximum, "Receive Maximum");
        RequireNonZero(packet.MaximumPacketSize, "Maximum Packet Size");
        var properties = MqttSize.UInt32Property(packet.SessionExpiryInterval)
            + MqttSize.UInt16Property(packet.ReceiveMaximum)
            + MqttSize.ByteProperty(MaximumQoS(packet.MaximumQualityOfService))
            + MqttSize.ByteProperty(packet.RetainAvailable)
            + MqttSize.UInt32Property(packet.MaximumPacketSize)
            + MqttSize.StringProperty(packet.AssignedClientIdentifier)
            + MqttSize.UInt16Property(packet.TopicAliasMaximum)
            + MqttSize.StringProperty(packet.ReasonString)
            + MqttSize.UserProperties(packet.UserProperties)
            + MqttSize.ByteProperty(packet.WildcardSubscriptionAvailable)
            + MqttSize.ByteProperty(packet.SubscriptionIdentifiersAvailable)
            + MqttSize.ByteProperty(packet.SharedSubscriptionAvailable)
            + MqttSize.UInt16Property(packet.ServerKeepAlive)
            + MqttSize.StringProperty(packet.ResponseInformation)
            + MqttSize.StringProperty(packet.ServerReference)
            + MqttSize.StringProperty(packet.AuthenticationMethod)
            + MqttSize.BinaryProperty(packet.AuthenticationData);
        return MqttPacketLayout.Create(2 + MqttSize.PropertyBlock(properties), properties);
    }

    private static void WriteConnAck(ConnAckPacket packet, MqttProtocolVersion version, in MqttPacketLayout layout, ref MqttBodyWriter writer)
    {
        writer.WriteByte(packet.SessionPresent ? (byte)1 : (byte)0);
        if (version != MqttProtocolVersion.V500)
        {
            writer.WriteByte(MqttReasonCodes.ToConnectReturnCode(packet.ReasonCode));
            return;
        }

        writer.WriteByte((byte)packet.ReasonCode);
        writer.WriteVariableByteInteger((uint)layout.PropertiesLength);
        writer.WriteUInt32Property(MqttPropertyId.SessionExpiryInterval, packet.SessionExpiryInterval);
        writer.WriteUInt16Property(MqttPropertyId.ReceiveMaximum, packet.ReceiveMaximum);
        writer.WriteByteProperty(MqttPropertyId.MaximumQoS, MaximumQoS(packet.MaximumQualityOfService));
        writer.WriteBooleanProperty(MqttPropertyId.RetainAvailable, packet.RetainAvailable);
        writer.WriteUInt32Property(MqttPropertyId.MaximumPacketSize, packet.MaximumPacketSize);
        writer.WriteStringProperty(MqttPropertyId.AssignedClientIdentifier, packet.AssignedClientIdentifier);
        writer.WriteUInt16Property(MqttPropertyId.TopicAliasMaximum, packet.TopicAliasMaximum);
        writer.WriteStringProperty(MqttPropertyId.ReasonString, packet.ReasonString);
        writer.WriteUserProperties(packet.UserProperties);
        writer.WriteBooleanProperty(MqttPropertyId.WildcardSubscriptionAvailable, packet.WildcardSubscriptionAvailable);
        writer.WriteBooleanProperty(MqttPropertyId.SubscriptionIdentifierAvailable, packet.SubscriptionIdentifiersAvailable);
        writer.WriteBooleanProperty(MqttPropertyId.SharedSubscriptionAvailable, packet.SharedSubscriptionAvailable);
        writer.WriteUInt16Property(MqttPropertyId.ServerKeepAlive, packet.ServerKeepAlive);
        writer.WriteStringProperty(MqttPropertyId.ResponseInformation, packet.ResponseInformation);
        writer.WriteStringProperty(MqttPropertyId.ServerReference, packet.ServerReference);
        writer.WriteStringProperty(MqttPropertyId.AuthenticationMethod, packet.AuthenticationMethod);
        writer.WriteBinaryProperty(MqttPropertyId.AuthenticationData, packet.AuthenticationData);
    }

    /// <summary>Maximum QoS is sent only as 0 or 1; its absence means 2 (section 3.2.2.3.4).</summary>
    private static byte? MaximumQoS(MqttQualityOfService? qos) =>
        qos is { } value && value != MqttQualityOfService.ExactlyOnce ? (byte)value : null;

    private static byte? PayloadFormat(MqttPayloadFormat format) =>
        format == MqttPayloadFormat.Unspecified ? null : (byte)format;

    /// <summary>Receive Maximum and Maximum Packet Size of 0 are Protocol Errors (3.1.2.11.3, 3.1.2.11.4).</summary>
    private static void RequireNonZero<T>(T? value, string name)
        where T : struct, INumber<T>
    {
        if (value is { } v && T.IsZero(v))
        {
            MqttThrow.CannotEncode($"{name} must not be 0.");
        }
    }

    private static T? NonDefault<T>(T value, T defaultValue)
        where T : struct, IEquatable<T> => value.Equals(defaultValue) ? null : value;
}
