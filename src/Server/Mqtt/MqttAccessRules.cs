using Proxus.Server.Fleet;

namespace Proxus.Server.Mqtt;

/// <summary>
/// The MQTT ACLs derived from identity. An agent publishes only strictly below its site's UNS
/// prefix, on its own status topic (and below it) and on its own write-results topic; it subscribes only to its own command and
/// configuration topics, exactly, and never to a shared subscription. Nobody publishes on a
/// command or configuration topic: the server publishes there itself, past the hooks. The server's
/// own consumers publish nothing and may subscribe, shared or not, to any filter: the UNS and the
/// agents' status are what they read, and the only other topics, commands and configuration
/// notices, are the server's own. A machine client (an enterprise consumer) publishes nothing and
/// subscribes, shared or not, only to filters that cannot match outside the UNS: the first level
/// must be a literal UNS level (an enterprise), not a wildcard and not the server's reserved
/// <c>proxus</c> tree. An anonymous development client may do anything else. Anything unknown is denied.
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
            // A results topic is the agent's own exactly: another agent's, or a level below, is refused.
            AgentMqttIdentity agent when AgentTopics.IsResults(topic) => string.Equals(topic, AgentTopics.Results(agent.AgentId), StringComparison.Ordinal),
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
        MachineClientMqttIdentity => IsUnsFilter(matchingFilter),
        AnonymousMqttIdentity => true,
        ServerMqttIdentity => true,
        _ => false,
    };

    /// <summary>True when every topic the filter can match is in the UNS: its first level is a literal UNS level other than <c>proxus</c>.</summary>
    public static bool IsUnsFilter(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var slash = filter.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? filter : filter[..slash];
        return !string.Equals(first, ReservedRoot, StringComparison.Ordinal) && Core.Uns.UnsPathRules.CheckLevelName(first) is null;
    }

    private const string ReservedRoot = "proxus";
}
