using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <content>DISCONNECT (section 3.14) and AUTH (section 3.15).</content>
public static partial class MqttPacketEncoder
{
    /// <summary>3.1.1 DISCONNECT has no body; 5.0 uses the short forms of section 3.14.2.1.</summary>
    private static MqttPacketLayout MeasureDisconnect(DisconnectPacket packet, MqttProtocolVersion version)
    {
        if (version != MqttProtocolVersion.V500)
        {
            return MqttPacketLayout.Create(0);
        }

        var properties = MqttSize.UInt32Property(packet.SessionExpiryInterval)
            + MqttSize.StringProperty(packet.ReasonString)
            + MqttSize.UserProperties(packet.UserProperties)
            + MqttSize.StringProperty(packet.ServerReference);
        if (properties == 0)
        {
            return MqttPacketLayout.Create(packet.ReasonCode == MqttReasonCode.NormalDisconnection ? 0 : 1);
        }

        return MqttPacketLayout.Create(1 + MqttSize.PropertyBlock(properties), properties);
    }

    private static void WriteDisconnect(DisconnectPacket packet, in MqttPacketLayout layout, ref MqttBodyWriter writer)
    {
        if (layout.RemainingLength == 0)
        {
            return;
        }

        writer.WriteByte((byte)packet.ReasonCode);
        if (layout.RemainingLength == 1)
        {
            return;
        }

        writer.WriteVariableByteInteger((uint)layout.PropertiesLength);
        writer.WriteUInt32Property(MqttPropertyId.SessionExpiryInterval, packet.SessionExpiryInterval);
        writer.WriteStringProperty(MqttPropertyId.ReasonString, packet.ReasonString);
        writer.WriteUserProperties(packet.UserProperties);
        writer.WriteStringProperty(MqttPropertyId.ServerReference, packet.ServerReference);
    }

    /// <summary>Remaining Length 0 for Success without properties, else reason code and properties (3.15.2).</summary>
    private static MqttPacketLayout MeasureAuth(AuthPacket packet)
    {
        var properties = MqttSize.StringProperty(packet.AuthenticationMethod)
            + MqttSize.BinaryProperty(packet.AuthenticationData)
            + MqttSize.StringProperty(packet.ReasonString)
            + MqttSize.UserProperties(packet.UserProperties);
        if (properties == 0 && packet.ReasonCode == MqttReasonCode.Success)
        {
            return MqttPacketLayout.Create(0);
        }

        return MqttPacketLayout.Create(1 + MqttSize.PropertyBlock(properties), properties);
    }

    private static void WriteAuth(AuthPacket packet, in MqttPacketLayout layout, ref MqttBodyWriter writer)
    {
        if (layout.RemainingLength == 0)
        {
            return;
        }

        writer.WriteByte((byte)packet.ReasonCode);
        writer.WriteVariableByteInteger((uint)layout.PropertiesLength);
        writer.WriteStringProperty(MqttPropertyId.AuthenticationMethod, packet.AuthenticationMethod);
        writer.WriteBinaryProperty(MqttPropertyId.AuthenticationData, packet.AuthenticationData);
        writer.WriteStringProperty(MqttPropertyId.ReasonString, packet.ReasonString);
        writer.WriteUserProperties(packet.UserProperties);
    }
}
