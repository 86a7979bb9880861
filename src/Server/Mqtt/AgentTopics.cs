namespace Proxus.Server.Mqtt;

/// <summary>
/// The per-agent topics outside the UNS: <c>proxus/agents/{agentId}/status</c> (the agent's birth,
/// will and health, published by the agent), <c>.../command</c> and <c>.../config</c> (published
/// only by the server, subscribed by that agent only). Agent ids are in the <c>D</c> format.
/// </summary>
public static class AgentTopics
{
    public const string Root = "proxus/agents";
    public const string StatusLevel = "status";
    public const string CommandLevel = "command";
    public const string ConfigLevel = "config";

    public static string Status(Guid agentId) => Topic(agentId, StatusLevel);

    public static string Command(Guid agentId) => Topic(agentId, CommandLevel);

    public static string Config(Guid agentId) => Topic(agentId, ConfigLevel);

    /// <summary>True for a command or configuration topic of any agent, or below one: only the server publishes there.</summary>
    public static bool IsServerOnly(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!topic.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(Root.Length + 1);
        var slash = rest.IndexOf('/');
        if (slash < 0)
        {
            return false;
        }

        var kind = rest[(slash + 1)..];
        var end = kind.IndexOf('/');
        kind = end < 0 ? kind : kind[..end];
        return kind is CommandLevel or ConfigLevel;
    }

    /// <summary>True for the agent's own status topic or a topic below it.</summary>
    public static bool IsOwnStatus(Guid agentId, string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var status = Status(agentId);
        return topic.StartsWith(status, StringComparison.Ordinal) && (topic.Length == status.Length || topic[status.Length] == '/');
    }

    private static string Topic(Guid agentId, string level) => $"{Root}/{agentId:D}/{level}";
}
