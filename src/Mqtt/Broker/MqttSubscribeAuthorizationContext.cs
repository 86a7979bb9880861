namespace Proxus.Mqtt.Broker;

/// <summary>What the authorization hook sees of one topic filter of a SUBSCRIBE.</summary>
public sealed record MqttSubscribeAuthorizationContext
{
    public required string ClientId { get; init; }

    public required object Identity { get; init; }

    /// <summary>The filter as sent, including a <c>$share/group/</c> prefix.</summary>
    public required string TopicFilter { get; init; }

    /// <summary>The filter without its share prefix: what it matches.</summary>
    public required string MatchingFilter { get; init; }

    public string? ShareGroup { get; init; }
}
