using Proxus.Mqtt.Packets;
using static Proxus.Mqtt.Packets.MqttProtocolVersion;
using static Proxus.Mqtt.Packets.MqttReasonCode;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>Hostile and malformed input: every case is rejected with the reason code the spec gives.</summary>
public sealed partial class MqttPacketDecoderMalformedTests
{
    public static TheoryData<string, MqttProtocolVersion, string, MqttReasonCode> FixedHeaderCases => new()
    {
        // Remaining Length (1.5.5, 2.1.4).
        { "remaining length over four bytes", V500, "30 FF FF FF FF 01", MalformedPacket },
        { "remaining length over four bytes before CONNECT", Unknown, "10 80 80 80 80 01", MalformedPacket },

        // Packet types and reserved flags (2.1.2, 2.1.3).
        { "reserved packet type 0", V500, "00 00", MalformedPacket },
        { "AUTH in 3.1.1", V311, "F0 00", MalformedPacket },
        { "PINGREQ before CONNECT", Unknown, "C0 00", ProtocolError },
        { "PUBLISH before CONNECT", Unknown, "30 05 0003 612F62", ProtocolError },
        { "PUBREL flags 0000", V311, "60 02 0001", MalformedPacket },
        { "SUBSCRIBE flags 0000", V500, "80 07 0001 00 0001 61 00", MalformedPacket },
        { "UNSUBSCRIBE flags 0000", V311, "A0 05 0001 0001 61", MalformedPacket },
        { "PUBACK flags 0010", V500, "42 02 0001", MalformedPacket },
        { "PINGREQ flags 0001", V311, "C1 00", MalformedPacket },
        { "CONNECT flags 0001", Unknown, "11 0F 0004 4D515454 04 02 003C 0003 616263", MalformedPacket },
        { "PUBLISH QoS 3", V311, "36 07 0001 74 0001 6869", MalformedPacket },
        { "PUBLISH DUP with QoS 0", V500, "38 04 0001 74 00", MalformedPacket },

        // Remaining lengths that lie about the fields.
        { "topic longer than the packet", V311, "30 02 0005", MalformedPacket },
        { "3.1.1 PUBACK with an extra byte", V311, "40 03 0001 00", MalformedPacket },
        { "PINGREQ with a body", V500, "C0 01 00", MalformedPacket },
        { "CONNECT with a trailing byte", Unknown, "10 10 0004 4D515454 04 02 003C 0003 616263 00", MalformedPacket },
        { "3.1.1 DISCONNECT with a body", V311, "E0 01 00", MalformedPacket },
        { "CONNACK shorter than its fields", V311, "20 01 00", MalformedPacket },
        { "SUBSCRIBE filter without its options byte", V311, "82 05 0001 0001 61", MalformedPacket },
        { "property length beyond the packet", V500, "40 05 0001 10 05 1F", MalformedPacket },
        { "property length over four bytes", V500, "E0 06 00 FF FF FF FF 01", MalformedPacket },
        { "user property cut short", V500, "40 07 0001 00 03 260005", MalformedPacket },
        { "correlation data longer than its property block", V500, "30 08 0001 74 04 09000561", MalformedPacket },
        { "AUTH with a reason code and no property length", V500, "F0 01 00", MalformedPacket },
    };

    public static TheoryData<string, MqttProtocolVersion, string, MqttReasonCode> StringCases => new()
    {
        // UTF-8 Encoded Strings (1.5.4).
        { "ill-formed UTF-8 C3 28", V311, "30 04 0002 C328", MalformedPacket },
        { "UTF-8 encoded surrogate ED A0 80", V311, "30 05 0003 EDA080", MalformedPacket },
        { "overlong U+0000 C0 80", V311, "30 04 0002 C080", MalformedPacket },
        { "truncated UTF-8 sequence E2 82", V500, "30 05 0002 E282 00", MalformedPacket },
        { "U+0000 in a topic", V311, "30 04 0002 6100", MalformedPacket },
        { "U+0000 in a client identifier", Unknown, "10 0F 0004 4D515454 04 02 003C 0003 610062", MalformedPacket },
        { "ill-formed UTF-8 in a user property", V500, "40 0B 0001 00 07 260001FF000161", MalformedPacket },

        // Topic names (4.7.3, 3.3.2.1).
        { "PUBLISH topic with #", V311, "30 05 0003 612F23", TopicNameInvalid },
        { "PUBLISH topic with +", V500, "30 06 0003 2B2F62 00", TopicNameInvalid },
        { "3.1.1 PUBLISH with an empty topic", V311, "30 02 0000", TopicNameInvalid },
        { "5.0 PUBLISH with an empty topic and no alias", V500, "30 03 0000 00", ProtocolError },

        // Packet identifiers (2.2.1).
        { "PUBLISH QoS 1 with packet id 0", V311, "32 05 0001 74 0000", ProtocolError },
        { "PUBACK with packet id 0", V500, "40 02 0000", ProtocolError },
        { "SUBSCRIBE with packet id 0", V311, "82 06 0000 0001 61 00", ProtocolError },
        { "UNSUBACK with packet id 0", V311, "B0 02 0000", ProtocolError },
    };

    public static TheoryData<string, MqttProtocolVersion, string, MqttReasonCode> ConnectCases => new()
    {
        // Protocol name and level (3.1.2.1, 3.1.2.2).
        { "protocol name MQTX", Unknown, "10 0F 0004 4D515458 04 02 003C 0003 616263", ProtocolError },
        { "MQTT 3.1 (MQIsdp, level 3)", Unknown, "10 11 0006 4D5149736470 03 02 003C 0003 616263", UnsupportedProtocolVersion },
        { "protocol level 3", Unknown, "10 0F 0004 4D515454 03 02 003C 0003 616263", UnsupportedProtocolVersion },
        { "protocol level 6", Unknown, "10 0F 0004 4D515454 06 02 003C 0003 616263", UnsupportedProtocolVersion },

        // Connect Flags (3.1.2.3 - 3.1.2.9).
        { "reserved connect flag", Unknown, "10 0F 0004 4D515454 04 03 003C 0003 616263", MalformedPacket },
        { "will QoS without will flag", Unknown, "10 0F 0004 4D515454 04 0A 003C 0003 616263", MalformedPacket },
        { "will retain without will flag", Unknown, "10 10 0004 4D515454 05 22 003C 00 0003 616263", MalformedPacket },
        { "will QoS 3", Unknown, "10 0F 0004 4D515454 04 1E 003C 0003 616263", MalformedPacket },
        { "3.1.1 password without user name", Unknown, "10 12 0004 4D515454 04 42 003C 0003 616263 0001 70", MalformedPacket },
        { "will topic with a wildcard", Unknown, "10 15 0004 4D515454 04 06 003C 0001 63 0003 612F23 0001 78", TopicNameInvalid },

        // CONNECT properties (3.1.2.11).
        { "authentication data without method", Unknown, "10 14 0004 4D515454 05 02 003C 04 160001AA 0003 616263", ProtocolError },
        { "receive maximum 0", Unknown, "10 13 0004 4D515454 05 02 003C 03 210000 0003 616263", ProtocolError },
        { "maximum packet size 0", Unknown, "10 15 0004 4D515454 05 02 003C 05 2700000000 0003 616263", ProtocolError },
        { "request problem information 2", Unknown, "10 12 0004 4D515454 05 02 003C 02 1702 0003 616263", ProtocolError },
        { "duplicate session expiry interval", Unknown, "10 1A 0004 4D515454 05 02 003C 0A 1100000001 1100000002 0003 616263", ProtocolError },
        { "topic alias in CONNECT", Unknown, "10 13 0004 4D515454 05 02 003C 03 230001 0003 616263", MalformedPacket },
        { "will delay among CONNECT properties", Unknown, "10 15 0004 4D515454 05 02 003C 05 1800000001 0003 616263", MalformedPacket },
    };
}
