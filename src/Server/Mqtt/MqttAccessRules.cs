using Proxus.Server.Fleet;

namespace Proxus.Server.Mqtt;

/// <summary>
/// The MQTT ACLs derived from identity. An agent publishes only strictly below its site's UNS
/// prefix and on its own status topic (and below it); it subscribes only to its own command and
/// configuration topics, exactly, and never to a shared subscription. Nobody publishes on a
/// command or configuration topic: the server publishes there itself, past the hooks. The server's
/// own consumers publish nothing and may subscribe, shared or not, to any filter: the UNS and the
/// agents' status are what they read, and the only other topics, commands and configuration
/// notices, are the server's own. An anonymous
/// development client may do anything else. Anything unknown is denied.
/// </summary>
internal static class MqttAccessRules
{
    public static bool MayPublish(object? identity, string topic)
    {
        if (AgentTopics.IsServerOnly(topic))
        {
            return false;
        }

        return identity switch
        {
            AgentMqttIdentity agent => AgentTopics.IsOwnStatus(agent.AgentId, topic)
                || (agent.UnsPrefix is { } prefix && SiteUnsPrefix.Contains(prefix, topic)),
            AnonymousMqttIdentity => true,
            _ => false,
        };
    }

    public static bool MaySubscribe(object? identity, string matchingFilter, string? shareGroup) => identity switch
    {
        AgentMqttIdentity agent => shareGroup is null
            && (string.Equals(matchingFilter, AgentTopics.Command(agent.AgentId), StringComparison.Ordinal)
                || string.Equals(matchingFilter, AgentTopics.Config(agent.AgentId), StringComparison.Ordinal)),
        AnonymousMqttIdentity => true,
        ServerMqttIdentity => true,
        _ => false,
    };
}
