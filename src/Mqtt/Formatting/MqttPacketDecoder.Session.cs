using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <content>DISCONNECT (section 3.14) and AUTH (section 3.15); PINGREQ/PINGRESP have no body.</content>
public static partial class MqttPacketDecoder
{
    /// <summary>A Remaining Length of 0 means Normal disconnection, one below 2 means no properties (3.14.2.1).</summary>
    private static DisconnectPacket ReadDisconnect(ref MqttBodyReader reader, MqttProtocolVersion version)
    {
        if (version != MqttProtocolVersion.V500 || reader.IsAtEnd)
        {
            return new DisconnectPacket { ReasonCode = MqttReasonCode.NormalDisconnection };
        }

        var reasonCode = MqttReasonCodes.Validate(reader.ReadByte(), MqttPacketType.Disconnect);
        var properties = reader.IsAtEnd ? default : MqttPropertyBag.Read(ref reader, MqttPropertyScope.Disconnect);
        return new DisconnectPacket
        {
            ReasonCode = reasonCode,
            SessionExpiryInterval = properties.SessionExpiryInterval,
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
            ServerReference = properties.ServerReference,
        };
    }

    /// <summary>
    /// A Remaining Length of 0 means Success without properties; otherwise the Reason Code and the
    /// Property Length are both present (section 3.15.2).
    /// </summary>
    private static AuthPacket ReadAuth(ref MqttBodyReader reader)
    {
        if (reader.IsAtEnd)
        {
            return new AuthPacket { ReasonCode = MqttReasonCode.Success };
        }

        var reasonCode = MqttReasonCodes.Validate(reader.ReadByte(), MqttPacketType.Auth);
        var properties = MqttPropertyBag.Read(ref reader, MqttPropertyScope.Auth);
        RequireMethodForData(in properties);
        return new AuthPacket
        {
            ReasonCode = reasonCode,
            AuthenticationMethod = properties.AuthenticationMethod,
            AuthenticationData = Optional(properties.AuthenticationData),
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
        };
    }
}
