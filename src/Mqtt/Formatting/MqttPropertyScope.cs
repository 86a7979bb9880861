namespace Proxus.Mqtt.Formatting;

/// <summary>
/// Which properties a property block may carry (MQTT 5.0 section 2.2.2.2, table 2-4) and which of
/// them may appear more than once. An identifier outside the scope is a Malformed Packet; a second
/// occurrence of a non-repeatable property is a Protocol Error.
/// </summary>
internal sealed class MqttPropertyScope
{
    public static readonly MqttPropertyScope Connect = new(
        "CONNECT",
        Mask(
            MqttPropertyId.SessionExpiryInterval,
            MqttPropertyId.AuthenticationMethod,
            MqttPropertyId.AuthenticationData,
            MqttPropertyId.RequestProblemInformation,
            MqttPropertyId.RequestResponseInformation,
            MqttPropertyId.ReceiveMaximum,
            MqttPropertyId.TopicAliasMaximum,
            MqttPropertyId.UserProperty,
            MqttPropertyId.MaximumPacketSize));

    public static readonly MqttPropertyScope Will = new(
        "CONNECT will",
        Mask(
            MqttPropertyId.PayloadFormatIndicator,
            MqttPropertyId.MessageExpiryInterval,
            MqttPropertyId.ContentType,
            MqttPropertyId.ResponseTopic,
            MqttPropertyId.CorrelationData,
            MqttPropertyId.WillDelayInterval,
            MqttPropertyId.UserProperty));

    public static readonly MqttPropertyScope ConnAck = new(
        "CONNACK",
        Mask(
            MqttPropertyId.SessionExpiryInterval,
            MqttPropertyId.AssignedClientIdentifier,
            MqttPropertyId.ServerKeepAlive,
            MqttPropertyId.AuthenticationMethod,
            MqttPropertyId.AuthenticationData,
            MqttPropertyId.ResponseInformation,
            MqttPropertyId.ServerReference,
            MqttPropertyId.ReasonString,
            MqttPropertyId.ReceiveMaximum,
            MqttPropertyId.TopicAliasMaximum,
            MqttPropertyId.MaximumQoS,
            MqttPropertyId.RetainAvailable,
            MqttPropertyId.UserProperty,
            MqttPropertyId.MaximumPacketSize,
            MqttPropertyId.WildcardSubscriptionAvailable,
            MqttPropertyId.SubscriptionIdentifierAvailable,
            MqttPropertyId.SharedSubscriptionAvailable));

    /// <summary>PUBLISH: the only scope in which Subscription Identifier may repeat (section 3.3.2.3.8).</summary>
    public static readonly MqttPropertyScope Publish = new(
        "PUBLISH",
        Mask(
            MqttPropertyId.PayloadFormatIndicator,
            MqttPropertyId.MessageExpiryInterval,
            MqttPropertyId.ContentType,
            MqttPropertyId.ResponseTopic,
            MqttPropertyId.CorrelationData,
            MqttPropertyId.SubscriptionIdentifier,
            MqttPropertyId.TopicAlias,
            MqttPropertyId.UserProperty),
        Mask(MqttPropertyId.UserProperty, MqttPropertyId.SubscriptionIdentifier));

    /// <summary>PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK and UNSUBACK.</summary>
    public static readonly MqttPropertyScope Acknowledgement = new(
        "acknowledgement",
        Mask(MqttPropertyId.ReasonString, MqttPropertyId.UserProperty));

    public static readonly MqttPropertyScope Subscribe = new(
        "SUBSCRIBE",
        Mask(MqttPropertyId.SubscriptionIdentifier, MqttPropertyId.UserProperty));

    public static readonly MqttPropertyScope Unsubscribe = new(
        "UNSUBSCRIBE",
        Mask(MqttPropertyId.UserProperty));

    public static readonly MqttPropertyScope Disconnect = new(
        "DISCONNECT",
        Mask(
            MqttPropertyId.SessionExpiryInterval,
            MqttPropertyId.ServerReference,
            MqttPropertyId.ReasonString,
            MqttPropertyId.UserProperty));

    public static readonly MqttPropertyScope Auth = new(
        "AUTH",
        Mask(
            MqttPropertyId.AuthenticationMethod,
            MqttPropertyId.AuthenticationData,
            MqttPropertyId.ReasonString,
            MqttPropertyId.UserProperty));

    private MqttPropertyScope(string name, ulong allowed, ulong repeatable = 1UL << (int)MqttPropertyId.UserProperty)
    {
        Name = name;
        Allowed = allowed;
        Repeatable = repeatable;
    }

    public string Name { get; }

    public ulong Allowed { get; }

    public ulong Repeatable { get; }

    private static ulong Mask(params ReadOnlySpan<MqttPropertyId> ids)
    {
        ulong mask = 0;
        foreach (var id in ids)
        {
            mask |= 1UL << (int)id;
        }

        return mask;
    }
}
