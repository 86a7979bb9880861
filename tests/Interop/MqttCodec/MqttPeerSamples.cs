using Proxus.Mqtt.Packets;

namespace Proxus.Interop.Tests.MqttCodec;

/// <summary>
/// One packet of every type per version with the properties the peers understand. mqtt-packet
/// groups User Properties by name, so repeated names are kept adjacent here.
/// </summary>
internal static class MqttPeerSamples
{
    private static readonly MqttUserProperty[] UserProperties = [new("site", "Lyon"), new("site", "Zürich ☃"), new("line", "1")];

    public static IEnumerable<(MqttProtocolVersion Version, MqttPacket Packet)> All =>
        V500.Select(p => (MqttProtocolVersion.V500, p)).Concat(V311.Select(p => (MqttProtocolVersion.V311, p)));

    private static IEnumerable<MqttPacket> V500 =>
    [
        new ConnectPacket
        {
            ClientId = "agent-Ω-01", CleanStart = false, KeepAliveSeconds = 90, Username = "operator", Password = new byte[] { 0, 1, 255 },
            SessionExpiryInterval = 3600, ReceiveMaximum = 100, MaximumPacketSize = 65536, TopicAliasMaximum = 10,
            RequestResponseInformation = true, RequestProblemInformation = false, UserProperties = UserProperties,
            AuthenticationMethod = "SCRAM-SHA-256", AuthenticationData = new byte[] { 9, 8, 7 },
            Will = new MqttWillMessage
            {
                Topic = "Acme/SiteA/status", Payload = "offline"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, Retain = true,
                DelayInterval = 30, PayloadFormat = MqttPayloadFormat.Utf8, MessageExpiryInterval = 600, ContentType = "text/plain",
                ResponseTopic = "reply/here", CorrelationData = new byte[] { 1, 2 }, UserProperties = UserProperties,
            },
        },
        new ConnAckPacket
        {
            SessionPresent = true, SessionExpiryInterval = 7200, ReceiveMaximum = 50, MaximumQualityOfService = MqttQualityOfService.AtLeastOnce,
            RetainAvailable = true, MaximumPacketSize = 1_048_576, AssignedClientIdentifier = "auto-1234", TopicAliasMaximum = 16,
            ReasonString = "welcome", UserProperties = UserProperties, WildcardSubscriptionAvailable = false,
            SubscriptionIdentifiersAvailable = true, SharedSubscriptionAvailable = false, ServerKeepAlive = 120,
            ResponseInformation = "responses/", ServerReference = "other:8883", AuthenticationMethod = "SCRAM-SHA-256",
            AuthenticationData = new byte[] { 3, 4 },
        },
        new ConnAckPacket { ReasonCode = MqttReasonCode.Banned, ReasonString = "go away" },
        new PublishPacket
        {
            Topic = "Acme/SiteA/Press/Temperature_C", PacketId = 65535, QualityOfService = MqttQualityOfService.ExactlyOnce,
            Duplicate = true, Retain = true, PayloadFormat = MqttPayloadFormat.Utf8, MessageExpiryInterval = 3600, TopicAlias = 7,
            ResponseTopic = "reply/to", CorrelationData = new byte[] { 0xCA, 0xFE }, UserProperties = UserProperties,
            SubscriptionIdentifiers = [1, 16_384, 268_435_455], ContentType = "application/json",
            Payload = "{\"value\": 72.4}"u8.ToArray(),
        },
        new PublishPacket { Topic = "a/b", Payload = new byte[300] },
        new PubAckPacket { PacketId = 1 },
        new PubAckPacket { PacketId = 1, ReasonCode = MqttReasonCode.QuotaExceeded, ReasonString = "slow down", UserProperties = UserProperties },
        new PubRecPacket { PacketId = 2, ReasonCode = MqttReasonCode.NoMatchingSubscribers },
        new PubRelPacket { PacketId = 3, ReasonCode = MqttReasonCode.PacketIdentifierNotFound, ReasonString = "lost" },
        new PubCompPacket { PacketId = 4, UserProperties = UserProperties },
        new SubscribePacket
        {
            PacketId = 5, SubscriptionIdentifier = 268_435_455, UserProperties = UserProperties,
            Subscriptions =
            [
                new MqttSubscription { TopicFilter = "Acme/+/Press/#", MaximumQualityOfService = MqttQualityOfService.AtLeastOnce, NoLocal = true },
                new MqttSubscription { TopicFilter = "$share/ingest/Acme/#", MaximumQualityOfService = MqttQualityOfService.ExactlyOnce, RetainAsPublished = true },
                new MqttSubscription { TopicFilter = "#", RetainHandling = MqttRetainHandling.DoNotSend },
            ],
        },
        new SubAckPacket
        {
            PacketId = 5, ReasonString = "partly", UserProperties = UserProperties,
            ReasonCodes = [MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.TopicFilterInvalid],
        },
        new UnsubscribePacket { PacketId = 6, UserProperties = UserProperties, TopicFilters = ["a/b", "$share/g/c/#"] },
        new UnsubAckPacket { PacketId = 6, ReasonCodes = [MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted] },
        PingReqPacket.Instance,
        PingRespPacket.Instance,
        new DisconnectPacket(),
        new DisconnectPacket
        {
            ReasonCode = MqttReasonCode.UseAnotherServer, SessionExpiryInterval = 60, ReasonString = "maintenance",
            UserProperties = UserProperties, ServerReference = "backup",
        },
        new AuthPacket
        {
            ReasonCode = MqttReasonCode.ContinueAuthentication, AuthenticationMethod = "SCRAM-SHA-256",
            AuthenticationData = new byte[] { 5, 6, 7 }, ReasonString = "again", UserProperties = UserProperties,
        },
    ];

    private static IEnumerable<MqttPacket> V311 =>
    [
        new ConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V311, ClientId = "agent-01", CleanStart = false, KeepAliveSeconds = 300,
            Username = "operator", Password = new byte[] { 0, 1, 255 },
            Will = new MqttWillMessage { Topic = "Acme/SiteA/status", Payload = "offline"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce },
        },
        new ConnAckPacket { SessionPresent = true },
        new ConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized },
        new PublishPacket { Topic = "a/b", Payload = "hi"u8.ToArray() },
        new PublishPacket { Topic = "Acme/é", PacketId = 7, QualityOfService = MqttQualityOfService.AtLeastOnce, Retain = true, Payload = new byte[200] },
        new PublishPacket { Topic = "x", PacketId = 8, QualityOfService = MqttQualityOfService.ExactlyOnce, Duplicate = true },
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
                new MqttSubscription { TopicFilter = "#", MaximumQualityOfService = MqttQualityOfService.ExactlyOnce },
            ],
        },
        new SubAckPacket { PacketId = 5, ReasonCodes = [MqttReasonCode.GrantedQoS1, MqttReasonCode.UnspecifiedError] },
        new UnsubscribePacket { PacketId = 6, TopicFilters = ["a/b", "+"] },
        new UnsubAckPacket { PacketId = 6 },
        PingReqPacket.Instance,
        PingRespPacket.Instance,
        new DisconnectPacket(),
    ];
}
