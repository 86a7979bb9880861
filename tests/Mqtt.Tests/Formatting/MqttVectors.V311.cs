using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>MQTT 3.1.1 vectors (3.1.1 chapter 3), one per packet type and variant.</summary>
public static partial class MqttVectors
{
    private static readonly byte[] Hi = "hi"u8.ToArray();

    public static IEnumerable<MqttVector> V311 =>
    [
        // CONNECT: 10 | RL 15 | "MQTT" | level 4 | flags 02 (clean) | keep alive 60 | client id "abc".
        new("3.1.1 CONNECT minimal", MqttProtocolVersion.V311, "10 0F 0004 4D515454 04 02 003C 0003 616263",
            new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = "abc", KeepAliveSeconds = 60 }),

        // CONNECT: flags EC = user name 80 | password 40 | will retain 20 | will QoS 1 08 | will 04;
        // keep alive 10; client id "c", will topic "w", will message "x", user "u", password "p".
        new("3.1.1 CONNECT with will and credentials", MqttProtocolVersion.V311,
            "10 19 0004 4D515454 04 EC 000A 0001 63 0001 77 0001 78 0001 75 0001 70",
            new ConnectPacket
            {
                ProtocolVersion = MqttProtocolVersion.V311,
                ClientId = "c",
                CleanStart = false,
                KeepAliveSeconds = 10,
                Will = new MqttWillMessage { Topic = "w", Payload = "x"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, Retain = true },
                Username = "u",
                Password = "p"u8.ToArray(),
            }),

        // CONNACK: session present 01, return code 0 (accepted).
        new("3.1.1 CONNACK accepted", MqttProtocolVersion.V311, "20 02 01 00",
            new ConnAckPacket { SessionPresent = true, ReasonCode = MqttReasonCode.Success }),

        // CONNACK: return code 5 (not authorized).
        new("3.1.1 CONNACK not authorized", MqttProtocolVersion.V311, "20 02 00 05",
            new ConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized }),

        // CONNACK: return code 1 (unacceptable protocol version).
        new("3.1.1 CONNACK bad version", MqttProtocolVersion.V311, "20 02 00 01",
            new ConnAckPacket { ReasonCode = MqttReasonCode.UnsupportedProtocolVersion }),

        // PUBLISH QoS 0: topic "a/b", payload "hi".
        new("3.1.1 PUBLISH QoS 0", MqttProtocolVersion.V311, "30 07 0003 612F62 6869",
            new PublishPacket { Topic = "a/b", Payload = Hi }),

        // PUBLISH 3B = DUP 08 | QoS 1 02 | RETAIN 01: topic "t", packet id 10, payload 01 02 03.
        new("3.1.1 PUBLISH QoS 1 dup retain", MqttProtocolVersion.V311, "3B 08 0001 74 000A 010203",
            new PublishPacket
            {
                Topic = "t", PacketId = 10, QualityOfService = MqttQualityOfService.AtLeastOnce, Duplicate = true, Retain = true,
                Payload = new byte[] { 1, 2, 3 },
            }),

        // PUBLISH QoS 2, topic "é/€" (C3 A9 / E2 82 AC), packet id 65535, empty payload.
        new("3.1.1 PUBLISH QoS 2 UTF-8 topic", MqttProtocolVersion.V311, "34 0A 0006 C3A92FE282AC FFFF",
            new PublishPacket { Topic = "é/€", PacketId = 65535, QualityOfService = MqttQualityOfService.ExactlyOnce }),

        new("3.1.1 PUBACK", MqttProtocolVersion.V311, "40 02 000A", new PubAckPacket { PacketId = 10 }),
        new("3.1.1 PUBREC", MqttProtocolVersion.V311, "50 02 000B", new PubRecPacket { PacketId = 11 }),

        // PUBREL carries the reserved flags 0010.
        new("3.1.1 PUBREL", MqttProtocolVersion.V311, "62 02 000C", new PubRelPacket { PacketId = 12 }),
        new("3.1.1 PUBCOMP", MqttProtocolVersion.V311, "70 02 000D", new PubCompPacket { PacketId = 13 }),

        // SUBSCRIBE (flags 0010): packet id 1, "a/+/#" QoS 1, "b" QoS 2.
        new("3.1.1 SUBSCRIBE", MqttProtocolVersion.V311, "82 0E 0001 0005 612F2B2F23 01 0001 62 02",
            new SubscribePacket
            {
                PacketId = 1,
                Subscriptions =
                [
                    new MqttSubscription { TopicFilter = "a/+/#", MaximumQualityOfService = MqttQualityOfService.AtLeastOnce },
                    new MqttSubscription { TopicFilter = "b", MaximumQualityOfService = MqttQualityOfService.ExactlyOnce },
                ],
            }),

        // SUBACK: packet id 1, granted QoS 1, failure 80.
        new("3.1.1 SUBACK", MqttProtocolVersion.V311, "90 04 0001 01 80",
            new SubAckPacket { PacketId = 1, ReasonCodes = [MqttReasonCode.GrantedQoS1, MqttReasonCode.UnspecifiedError] }),

        // UNSUBSCRIBE (flags 0010): packet id 2, "a".
        new("3.1.1 UNSUBSCRIBE", MqttProtocolVersion.V311, "A2 05 0002 0001 61",
            new UnsubscribePacket { PacketId = 2, TopicFilters = ["a"] }),

        new("3.1.1 UNSUBACK", MqttProtocolVersion.V311, "B0 02 0002", new UnsubAckPacket { PacketId = 2 }),
        new("3.1.1 PINGREQ", MqttProtocolVersion.V311, "C0 00", PingReqPacket.Instance),
        new("3.1.1 PINGRESP", MqttProtocolVersion.V311, "D0 00", PingRespPacket.Instance),
        new("3.1.1 DISCONNECT", MqttProtocolVersion.V311, "E0 00", new DisconnectPacket()),
    ];

    public static IEnumerable<MqttVector> All => V311.Concat(V500);

    public static TheoryData<MqttVector> AllData
    {
        get
        {
            var data = new TheoryData<MqttVector>();
            foreach (var vector in All)
            {
                data.Add(vector);
            }

            return data;
        }
    }
}
