using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>One subscription held by a session and indexed in the <see cref="MqttSubscriptionTree"/>.</summary>
internal sealed class MqttSessionSubscription
{
    public MqttSessionSubscription(MqttSession session, MqttStoredSubscription options, string matchingFilter, string? shareGroup)
    {
        Session = session;
        Options = options;
        MatchingFilter = matchingFilter;
        ShareGroup = shareGroup;
    }

    public MqttSession Session { get; }

    public MqttStoredSubscription Options { get; }

    /// <summary>The filter without a share prefix.</summary>
    public string MatchingFilter { get; }

    public string? ShareGroup { get; }

    public string TopicFilter => Options.TopicFilter;

    public MqttQualityOfService MaximumQualityOfService => Options.MaximumQualityOfService;
}
