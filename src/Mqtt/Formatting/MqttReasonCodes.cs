using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <summary>
/// Which reason codes each MQTT 5.0 packet may carry (sections 3.2.2.2, 3.4.2.1, 3.5.2.1, 3.6.2.1,
/// 3.7.2.1, 3.9.3, 3.11.3, 3.14.2.1, 3.15.2.1) and the mapping to and from the 3.1.1 return codes
/// (3.1.1 sections 3.2.2.3 and 3.9.3).
/// </summary>
internal static class MqttReasonCodes
{
    private static readonly ReasonCodeSet ConnAck = new(
        0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F);

    private static readonly ReasonCodeSet PubAckPubRec = new(0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99);

    private static readonly ReasonCodeSet PubRelPubComp = new(0x00, 0x92);

    private static readonly ReasonCodeSet SubAck = new(0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2);

    private static readonly ReasonCodeSet UnsubAck = new(0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91);

    private static readonly ReasonCodeSet Disconnect = new(
        0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98,
        0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2);

    private static readonly ReasonCodeSet Auth = new(0x00, 0x18, 0x19);

    /// <summary>Checks a reason code read from the wire; one the packet may not carry is a Malformed Packet.</summary>
    public static MqttReasonCode Validate(byte value, MqttPacketType packetType)
    {
        var set = packetType switch
        {
            MqttPacketType.ConnAck => ConnAck,
            MqttPacketType.PubAck or MqttPacketType.PubRec => PubAckPubRec,
            MqttPacketType.PubRel or MqttPacketType.PubComp => PubRelPubComp,
            MqttPacketType.SubAck => SubAck,
            MqttPacketType.UnsubAck => UnsubAck,
            MqttPacketType.Disconnect => Disconnect,
            _ => Auth,
        };

        if (!set.Contains(value))
        {
            MqttThrow.Malformed($"Reason code 0x{value:X2} is not defined for {packetType}.");
        }

        return (MqttReasonCode)value;
    }

    /// <summary>3.1.1 CONNACK return code (3.1.1 table 3.1) to the equivalent 5.0 reason code.</summary>
    public static MqttReasonCode FromConnectReturnCode(byte returnCode)
    {
        switch (returnCode)
        {
            case 0: return MqttReasonCode.Success;
            case 1: return MqttReasonCode.UnsupportedProtocolVersion;
            case 2: return MqttReasonCode.ClientIdentifierNotValid;
            case 3: return MqttReasonCode.ServerUnavailable;
            case 4: return MqttReasonCode.BadUserNameOrPassword;
            case 5: return MqttReasonCode.NotAuthorized;
            default:
                MqttThrow.Malformed($"CONNACK return code {returnCode} is reserved in MQTT 3.1.1.");
                return default;
        }
    }

    /// <summary>
    /// 5.0 reason code to the nearest 3.1.1 CONNACK return code: refusals that 3.1.1 cannot name
    /// become 3 (server unavailable), those about identity or policy become 5 (not authorized).
    /// </summary>
    public static byte ToConnectReturnCode(MqttReasonCode reasonCode) => reasonCode switch
    {
        MqttReasonCode.Success => 0,
        MqttReasonCode.UnsupportedProtocolVersion => 1,
        MqttReasonCode.ClientIdentifierNotValid => 2,
        MqttReasonCode.BadUserNameOrPassword => 4,
        MqttReasonCode.NotAuthorized or MqttReasonCode.Banned or MqttReasonCode.BadAuthenticationMethod => 5,
        _ => 3,
    };

    /// <summary>3.1.1 SUBACK return code (0x00-0x02 granted QoS, 0x80 failure; section 3.9.3).</summary>
    public static MqttReasonCode FromSubscribeReturnCode(byte returnCode)
    {
        if (returnCode <= 2)
        {
            return (MqttReasonCode)returnCode;
        }

        if (returnCode != 0x80)
        {
            MqttThrow.Malformed($"SUBACK return code 0x{returnCode:X2} is reserved in MQTT 3.1.1.");
        }

        return MqttReasonCode.UnspecifiedError;
    }

    /// <summary>Granted QoS 0-2 stay; every failure becomes 0x80.</summary>
    public static byte ToSubscribeReturnCode(MqttReasonCode reasonCode) =>
        (byte)reasonCode <= 2 ? (byte)reasonCode : (byte)0x80;

    /// <summary>A 256-bit membership set of reason code bytes.</summary>
    private sealed class ReasonCodeSet
    {
        private readonly ulong[] _bits = new ulong[4];

        public ReasonCodeSet(params ReadOnlySpan<byte> codes)
        {
            foreach (var code in codes)
            {
                _bits[code >> 6] |= 1UL << (code & 63);
            }
        }

        public bool Contains(byte code) => (_bits[code >> 6] & (1UL << (code & 63))) != 0;
    }
}
