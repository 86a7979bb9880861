using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>Packets of every type with every property set, for round trips and fuzzing seeds.</summary>
public static class MqttSamplePackets
{
    private static readonly MqttUserProperty[] UserProperties =
    [
        new("site", "Lyon"),
        new("site", "Zürich ☃"),
        new(string.Empty, string.Empty),
    ];

    public static IEnumerable<MqttPacket> V500 =>
    [
        new ConnectPacket
        {
            ClientId = "agent-Ω-01",
            CleanStart = false,
            KeepAliveSeconds = ushort.MaxValue,
            Username = "operator",
            Password = new byte[] { 0, 1, 2, 255 },
            SessionExpiryInterval = 3600,
            ReceiveMaximum = 100,
            MaximumPacketSize = 65536,
            TopicAliasMaximum = 10,
            RequestResponseInformation = true,
            RequestProblemInformation = false,
            UserProperties = UserProperties,
            AuthenticationMethod = "SCRAM-SHA-256",
            AuthenticationData = new byte[] { 9, 8, 7 },
            Will = new MqttWillMessage
            {
                Topic = "Acme/SiteA/status",
                Payload = "offline"u8.ToArray(),
                QualityOfService = MqttQualityOfService.ExactlyOnce,
                Retain = true,
                DelayInterval = 30,
                PayloadFormat = MqttPayloadFormat.Utf8,
                MessageExpiryInterval = 600,
                ContentType = "text/plain",
                ResponseTopic = "reply/here",
                CorrelationData = new byte[] { 1, 2 },
                UserProperties = UserProperties,
            },
        },
        new ConnectPacket { ClientId = string.Empty, Password = new byte[] { 42 } },
        new ConnAckPacket
        {
            SessionPresent = true,
            SessionExpiryInterval = 7200,
            ReceiveMaximum = 50,
            MaximumQualityOfService = MqttQualityOfService.AtMostOnce,
            RetainAvailable = true,
            MaximumPacketSize = 1_048_576,
            AssignedClientIdentifier = "auto-1234",
            TopicAliasMaximum = 16,
            ReasonString = "welcome",
            UserProperties = UserProperties,
            WildcardSubscriptionAvailable = false,
            SubscriptionIdentifiersAvailable = true,
            SharedSubscriptionAvailable = false,
            ServerKeepAlive = 120,
            ResponseInformation = "responses/",
            ServerReference = "other.example:8883",
            AuthenticationMethod = "SCRAM-SHA-256",
            AuthenticationData = new byte[] { 3, 4 },
        },
        new ConnAckPacket { ReasonCode = MqttReasonCode.Banned, ReasonString = "go away" },
        new PublishPacket
        {
            Topic = "Acme/SiteA/Press/Line1/Press_Machine/Temperature_C",
            PacketId = 65535,
            QualityOfService = MqttQualityOfService.ExactlyOnce,
            Duplicate = true,
            Retain = true,
            PayloadFormat = MqttPayloadFormat.Utf8,
            MessageExpiryInterval = uint.MaxValue,
            TopicAlias = ushort.MaxValue,
            ResponseTopic = "reply/to",
            CorrelationData = new byte[] { 0xCA, 0xFE },
            UserProperties = UserProperties,
            SubscriptionIdentifiers = [1, 127, 128, 16_383, 16_384, 268_435_455],
            ContentType = "application/json",
            Payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(),
        },
        new PubAckPacket { PacketId = 1, ReasonCode = MqttReasonCode.QuotaExceeded, ReasonString = "slow down", UserProperties = UserProperties },
        new PubRecPacket { PacketId = 2, ReasonCode = MqttReasonCode.PayloadFormatInvalid, ReasonString = "bad", UserProperties = UserProperties },
        new PubRelPacket { PacketId = 3, ReasonString = "ok", UserProperties = UserProperties },
        new PubCompPacket { PacketId = 4, ReasonCode = MqttReasonCode.PacketIdentifierNotFound, ReasonString = "lost" },
        new SubscribePacket
        {
            PacketId = 5,
            SubscriptionIdentifier = 268_435_455,
            UserProperties = UserProperties,
            Subscriptions =
            [
                new MqttSubscription { TopicFilter = "Acme/+/Press/#", MaximumQualityOfService = MqttQualityOfService.AtLeastOnce, NoLocal = true },
                new MqttSubscription { TopicFilter = "$share/ingest/Acme/#", MaximumQualityOfService = MqttQualityOfService.ExactlyOnce, RetainAsPublished = true },
                new MqttSubscription { TopicFilter = "#", RetainHandling = MqttRetainHandling.SendAtSubscribeIfNew },
            ],
        },
        new SubAckPacket
        {
            PacketId = 5,
            ReasonString = "partly",
            UserProperties = UserProperties,
            ReasonCodes =
            [
                MqttReasonCode.GrantedQoS0, MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.UnspecifiedError,
                MqttReasonCode.ImplementationSpecificError, MqttReasonCode.NotAuthorized, MqttReasonCode.TopicFilterInvalid,
                MqttReasonCode.PacketIdentifierInUse, MqttReasonCode.QuotaExceeded, MqttReasonCode.SharedSubscriptionsNotSupported,
                MqttReasonCode.SubscriptionIdentifiersNotSupported, MqttReasonCode.WildcardSubscriptionsNotSupported,
            ],
        },
        new UnsubscribePacket { PacketId = 6, UserProperties = UserProperties, TopicFilters = ["a/b", "$share/g/c/#", "+"] },
        new UnsubAckPacket
        {
            PacketId = 6,
            ReasonString = "done",
            UserProperties = UserProperties,
            ReasonCodes = [MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted, MqttReasonCode.NotAuthorized],
        },
        PingReqPacket.Instance,
        PingRespPacket.Instance,
        new DisconnectPacket
        {
            ReasonCode = MqttReasonCode.UseAnotherServer,
            SessionExpiryInterval = 0,
            ReasonString = "maintenance",
            UserProperties = UserProperties,
            ServerReference = "backup.example",
        },
        new AuthPacket
        {
            ReasonCode = MqttReasonCode.ReAuthenticate,
            AuthenticationMethod = "SCRAM-SHA-256",
            AuthenticationData = new byte[] { 5, 6, 7 },
            ReasonString = "again",
            UserProperties = UserProperties,
        },
    ];

    public static IEnumerable<MqttPacket> V311 =>
    [
        new ConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V311,
            ClientId = "agent-Ω-01",
            CleanStart = false,
            KeepAliveSeconds = 300,
            Username = "operator",
            Password = new byte[] { 0, 1, 2, 255 },
            Will = new MqttWillMessage
            {
                Topic = "Acme/SiteA/status", Payload = "offline"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce, Retain = true,
            },
        },
        new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = string.Empty, Username = "only-user" },
        new ConnAckPacket { SessionPresent = true },
        new ConnAckPacket { ReasonCode = MqttReasonCode.BadUserNameOrPassword },
        new ConnAckPacket { ReasonCode = MqttReasonCode.ClientIdentifierNotValid },
        new ConnAckPacket { ReasonCode = MqttReasonCode.ServerUnavailable },
        new PublishPacket
        {
            Topic = "Acme/SiteA/x", PacketId = 7, QualityOfService = MqttQualityOfService.ExactlyOnce, Duplicate = true, Retain = true,
            Payload = new byte[20_000],
        },
        new PubAckPacket { PacketId = 1 },
        new PubRecPacket { PacketId = 2 },
        new PubRelPacket { PacketId = 3 },
        new PubCompPacket { PacketId = 4 },
        new SubscribePacket
        {
            PacketId = 5,
            Subscriptions =
            [
                new MqttSubscription { TopicFilter = "Acme/+/Press/#", MaximumQualityOfService = MqttQualityOfService.AtLeastOnce },
                new MqttSubscription { TopicFilter = "#" },
            ],
        },
        new SubAckPacket
        {
            PacketId = 5,
            ReasonCodes = [MqttReasonCode.GrantedQoS0, MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.UnspecifiedError],
        },
        new UnsubscribePacket { PacketId = 6, TopicFilters = ["a/b", "+"] },
        new UnsubAckPacket { PacketId = 6 },
        PingReqPacket.Instance,
        PingRespPacket.Instance,
        new DisconnectPacket(),
    ];
}
