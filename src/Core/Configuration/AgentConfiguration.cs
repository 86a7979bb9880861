using Proxus.Core.Model;

namespace Proxus.Core.Configuration;

/// <summary>
/// The effective configuration of one agent: the connections it polls and their tags, compiled
/// from the site's tag map by <see cref="AgentConfigurationCompiler"/>. This is the payload of a
/// signed <see cref="ConfigEnvelope"/>. Equality compares the lists element by element.
/// </summary>
public sealed record AgentConfiguration(string AgentId, Site Site, IReadOnlyList<Connection> Connections, IReadOnlyList<Tag> Tags)
{
    public bool Equals(AgentConfiguration? other) =>
        other is not null
        && AgentId == other.AgentId
        && Site.Equals(other.Site)
        && Connections.SequenceEqual(other.Connections)
        && Tags.SequenceEqual(other.Tags);

    public override int GetHashCode() => HashCode.Combine(AgentId, Site, Connections.Count, Tags.Count);
}
