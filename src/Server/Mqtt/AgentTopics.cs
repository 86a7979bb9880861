namespace Proxus.Server.Mqtt;

/// <summary>
/// The per-agent topics outside the UNS: <c>proxus/agents/{agentId}/status</c> (the agent's birth,
/// will and health, published by the agent), <c>.../command</c> and <c>.../config</c> (published
/// only by the server, subscribed by that agent only) and <c>.../results</c> (write results,
/// published only by that agent, consumed by the server). Agent ids are in the <c>D</c> format.
/// </summary>
public static class AgentTopics
{
    public const string Root = "proxus/agents";
    public const string StatusLevel = "status";
    public const string CommandLevel = "command";
    public const string ConfigLevel = "config";
    public const string ResultsLevel = "results";

    public static string Status(Guid agentId) => Topic(agentId, StatusLevel);

    public static string Command(Guid agentId) => Topic(agentId, CommandLevel);

    public static string Config(Guid agentId) => Topic(agentId, ConfigLevel);

    /// <summary>Where the agent publishes the results of control-write commands; only that agent may, and the server consumes them.</summary>
    public static string Results(Guid agentId) => Topic(agentId, ResultsLevel);

    /// <summary>The agent of an exact results topic (<c>proxus/agents/{id}/results</c>).</summary>
    public static bool TryParseResults(string topic, out Guid agentId)
    {
        ArgumentNullException.ThrowIfNull(topic);
        agentId = Guid.Empty;
        var prefix = Root + "/";
        var suffix = "/" + ResultsLevel;
        return topic.StartsWith(prefix, StringComparison.Ordinal) && topic.EndsWith(suffix, StringComparison.Ordinal)
            && topic.Length == prefix.Length + 36 + suffix.Length
            && Guid.TryParseExact(topic.AsSpan(prefix.Length, 36), "D", out agentId)
            && topic == Results(agentId);
    }

    /// <summary>True for a results topic of any agent, or below one.</summary>
    public static bool IsResults(string topic) => LevelOf(topic) is ResultsLevel;

    /// <summary>True for a command or configuration topic of any agent, or below one: only the server publishes there.</summary>
    public static bool IsServerOnly(string topic) => LevelOf(topic) is CommandLevel or ConfigLevel;

    /// <summary>True for the agent's own status topic or a topic below it.</summary>
    public static bool IsOwnStatus(Guid agentId, string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var status = Status(agentId);
        return topic.StartsWith(status, StringComparison.Ordinal) && (topic.Length == status.Length || topic[status.Length] == '/');
    }

    /// <summary>The level after the agent id of a topic below <see cref="Root"/> (<c>status</c>, <c>command</c>...), or null.</summary>
    private static string? LevelOf(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!topic.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = topic.AsSpan(Root.Length + 1);
        var slash = rest.IndexOf('/');
        if (slash < 0)
        {
            return null;
        }

        var kind = rest[(slash + 1)..];
        var end = kind.IndexOf('/');
        return (end < 0 ? kind : kind[..end]).ToString();
    }

    private static string Topic(Guid agentId, string level) => $"{Root}/{agentId:D}/{level}";
}
