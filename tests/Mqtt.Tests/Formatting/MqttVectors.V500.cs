using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>MQTT 5.0 vectors (5.0 chapter 3), including the short forms of the acknowledgements.</summary>
public static partial class MqttVectors
{
    public static IEnumerable<MqttVector> V500 =>
    [
        // CONNECT: "MQTT" level 5, flags 02 (clean), keep alive 60, property length 0, client id "abc".
        new("5.0 CONNECT minimal", MqttProtocolVersion.V500, "10 10 0004 4D515454 05 02 003C 00 0003 616263",
            new ConnectPacket { ClientId = "abc", KeepAliveSeconds = 60 }),

        // CONNECT: flags 86 = user name 80 | will 04 | clean 02, keep alive 30;
        // properties (15): Session Expiry 11 = 120, Receive Maximum 21 = 20, User Property 26 "k"="v";
        // client id "c"; will properties (7): Will Delay 18 = 5, Payload Format 01 = 1;
        // will topic "w", will payload "x", user name "u".
        new("5.0 CONNECT with properties and will", MqttProtocolVersion.V500,
            "10 2E 0004 4D515454 05 86 001E 0F 1100000078 210014 2600016B000176 0001 63 07 1800000005 0101 0001 77 0001 78 0001 75",
            new ConnectPacket
            {
                ClientId = "c",
                KeepAliveSeconds = 30,
                SessionExpiryInterval = 120,
                ReceiveMaximum = 20,
                UserProperties = [new MqttUserProperty("k", "v")],
                Will = new MqttWillMessage { Topic = "w", Payload = "x"u8.ToArray(), DelayInterval = 5, PayloadFormat = MqttPayloadFormat.Utf8 },
                Username = "u",
            }),

        // CONNACK: flags 0, reason 0, property length 0.
        new("5.0 CONNACK success", MqttProtocolVersion.V500, "20 03 00 00 00", new ConnAckPacket()),

        // CONNACK: properties (7): Receive Maximum 21 = 10, Maximum QoS 24 = 1, Retain Available 25 = 0.
        new("5.0 CONNACK with properties", MqttProtocolVersion.V500, "20 0A 00 00 07 21000A 2401 2500",
            new ConnAckPacket { ReceiveMaximum = 10, MaximumQualityOfService = MqttQualityOfService.AtLeastOnce, RetainAvailable = false }),

        // CONNACK: reason 87 (not authorized).
        new("5.0 CONNACK not authorized", MqttProtocolVersion.V500, "20 03 00 87 00",
            new ConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized }),

        // PUBLISH QoS 0: topic "a/b", property length 0, empty payload.
        new("5.0 PUBLISH QoS 0 empty payload", MqttProtocolVersion.V500, "30 06 0003 612F62 00",
            new PublishPacket { Topic = "a/b" }),

        // PUBLISH QoS 1: topic "t", packet id 1; properties (13): Payload Format 01 = 1, Message Expiry
        // 02 = 60, Topic Alias 23 = 5, Subscription Identifier 0B = 129 (two-byte VBI 81 01); payload "hi".
        new("5.0 PUBLISH QoS 1 with properties", MqttProtocolVersion.V500, "32 15 0001 74 0001 0D 0101 020000003C 230005 0B8101 6869",
            new PublishPacket
            {
                Topic = "t", PacketId = 1, QualityOfService = MqttQualityOfService.AtLeastOnce, PayloadFormat = MqttPayloadFormat.Utf8,
                MessageExpiryInterval = 60, TopicAlias = 5, SubscriptionIdentifiers = [129], Payload = Hi,
            }),

        // PUBLISH QoS 0 with an empty topic name standing for Topic Alias 5.
        new("5.0 PUBLISH topic alias only", MqttProtocolVersion.V500, "30 08 0000 03 230005 6869",
            new PublishPacket { TopicAlias = 5, Payload = Hi }),

        // PUBACK short form: Remaining Length 2 means Success without properties.
        new("5.0 PUBACK short", MqttProtocolVersion.V500, "40 02 0001", new PubAckPacket { PacketId = 1 }),

        // PUBACK: reason 10 (no matching subscribers), no property length.
        new("5.0 PUBACK reason only", MqttProtocolVersion.V500, "40 03 0001 10",
            new PubAckPacket { PacketId = 1, ReasonCode = MqttReasonCode.NoMatchingSubscribers }),

        // PUBACK: reason 10, properties (4): Reason String 1F "x".
        new("5.0 PUBACK reason string", MqttProtocolVersion.V500, "40 08 0001 10 04 1F000178",
            new PubAckPacket { PacketId = 1, ReasonCode = MqttReasonCode.NoMatchingSubscribers, ReasonString = "x" }),

        // PUBACK: explicit Success and an empty property block; we write the short form.
        new("5.0 PUBACK long success", MqttProtocolVersion.V500, "40 04 0001 00 00", new PubAckPacket { PacketId = 1 }, Canonical: false),

        new("5.0 PUBREC unspecified error", MqttProtocolVersion.V500, "50 03 0002 80",
            new PubRecPacket { PacketId = 2, ReasonCode = MqttReasonCode.UnspecifiedError }),

        new("5.0 PUBREL packet id not found", MqttProtocolVersion.V500, "62 03 0005 92",
            new PubRelPacket { PacketId = 5, ReasonCode = MqttReasonCode.PacketIdentifierNotFound }),

        // PUBCOMP: reason 0, properties (7): User Property "k"="v".
        new("5.0 PUBCOMP user property", MqttProtocolVersion.V500, "70 0B 0006 00 07 2600016B000176",
            new PubCompPacket { PacketId = 6, UserProperties = [new MqttUserProperty("k", "v")] }),

        // SUBSCRIBE: packet id 10, properties (2): Subscription Identifier 0B = 5; "a/#" with options
        // 2E = Retain Handling 2 (20) | Retain As Published 08 | No Local 04 | QoS 2.
        new("5.0 SUBSCRIBE options", MqttProtocolVersion.V500, "82 0B 000A 02 0B05 0003 612F23 2E",
            new SubscribePacket
            {
                PacketId = 10,
                SubscriptionIdentifier = 5,
                Subscriptions =
                [
                    new MqttSubscription
                    {
                        TopicFilter = "a/#", MaximumQualityOfService = MqttQualityOfService.ExactlyOnce, NoLocal = true,
                        RetainAsPublished = true, RetainHandling = MqttRetainHandling.DoNotSend,
                    },
                ],
            }),

        // SUBACK: packet id 10, property length 0, granted QoS 2, topic filter invalid 8F.
        new("5.0 SUBACK", MqttProtocolVersion.V500, "90 05 000A 00 02 8F",
            new SubAckPacket { PacketId = 10, ReasonCodes = [MqttReasonCode.GrantedQoS2, MqttReasonCode.TopicFilterInvalid] }),

        new("5.0 UNSUBSCRIBE", MqttProtocolVersion.V500, "A2 06 000B 00 0001 61",
            new UnsubscribePacket { PacketId = 11, TopicFilters = ["a"] }),

        // UNSUBACK: packet id 11, property length 0, success, no subscription existed 11.
        new("5.0 UNSUBACK", MqttProtocolVersion.V500, "B0 05 000B 00 00 11",
            new UnsubAckPacket { PacketId = 11, ReasonCodes = [MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted] }),

        new("5.0 PINGREQ", MqttProtocolVersion.V500, "C0 00", PingReqPacket.Instance),
        new("5.0 PINGRESP", MqttProtocolVersion.V500, "D0 00", PingRespPacket.Instance),

        // DISCONNECT: Remaining Length 0 means Normal disconnection.
        new("5.0 DISCONNECT short", MqttProtocolVersion.V500, "E0 00", new DisconnectPacket()),

        // DISCONNECT: reason 04 (disconnect with will), no property length.
        new("5.0 DISCONNECT with will", MqttProtocolVersion.V500, "E0 01 04",
            new DisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage }),

        // DISCONNECT: reason 8E (session taken over), properties (5): Session Expiry 11 = 0.
        new("5.0 DISCONNECT with properties", MqttProtocolVersion.V500, "E0 07 8E 05 1100000000",
            new DisconnectPacket { ReasonCode = MqttReasonCode.SessionTakenOver, SessionExpiryInterval = 0 }),

        new("5.0 DISCONNECT long form", MqttProtocolVersion.V500, "E0 02 04 00",
            new DisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage }, Canonical: false),

        // AUTH: Remaining Length 0 means Success without properties.
        new("5.0 AUTH short", MqttProtocolVersion.V500, "F0 00", new AuthPacket()),

        // AUTH: reason 18 (continue authentication), properties (8): Authentication Method 15 "SCRAM".
        new("5.0 AUTH continue", MqttProtocolVersion.V500, "F0 0A 18 08 15 0005 5343 5241 4D",
            new AuthPacket { ReasonCode = MqttReasonCode.ContinueAuthentication, AuthenticationMethod = "SCRAM" }),
    ];
}
