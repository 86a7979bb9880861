namespace Proxus.Mqtt.Broker;

/// <summary>Shared subscription filters <c>$share/{ShareName}/{filter}</c> (MQTT 5.0 section 4.8.2).</summary>
internal static class MqttSharedSubscription
{
    public const string Prefix = "$share/";

    /// <summary>Splits a filter into what it matches and its share name (null when not shared). The filter must be valid.</summary>
    public static (string MatchingFilter, string? ShareGroup) Parse(string topicFilter)
    {
        if (!topicFilter.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (topicFilter, null);
        }

        var slash = topicFilter.IndexOf('/', Prefix.Length);
        if (slash < 0)
        {
            return (topicFilter, null);
        }

        return (topicFilter[(slash + 1)..], topicFilter[Prefix.Length..slash]);
    }
}
