using Proxus.Core.Model;

namespace Proxus.Core.Configuration;

/// <summary>
/// Compiles an agent's effective configuration from a validated tag map: the connections assigned
/// to the agent (ordered by id) and the tags on them (ordered by path), both ordinal, so equal
/// content always compiles to equal canonical bytes whatever order the upload had.
/// </summary>
public static class AgentConfigurationCompiler
{
    public static AgentConfiguration Compile(TagMap map, string agentId)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        var connections = map.Connections
            .Where(connection => string.Equals(connection.Agent, agentId, StringComparison.OrdinalIgnoreCase))
            .OrderBy(connection => connection.Id, StringComparer.Ordinal)
            .ToList();
        var ids = connections.Select(connection => connection.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var tags = map.Tags
            .Where(tag => ids.Contains(tag.Connection))
            .OrderBy(tag => tag.Path.Value, StringComparer.Ordinal)
            .ToList();
        return new AgentConfiguration(agentId, map.Site, connections, tags);
    }

    /// <summary>The ids of the agents that own at least one connection of the tag map.</summary>
    public static IReadOnlyList<string> Agents(TagMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return [.. map.Connections.Select(connection => connection.Agent).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }
}
