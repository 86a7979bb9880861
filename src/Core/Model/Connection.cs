namespace Proxus.Core.Model;

/// <summary>
/// A device connection owned by one agent of the site: protocol, endpoint (with security for OPC
/// UA) and the poll groups its tags can join. Equality compares the poll groups element by element.
/// </summary>
public sealed record Connection
{
    /// <summary>Unique (case-insensitively) within the site; tags refer to it.</summary>
    public required string Id { get; init; }

    public required Protocol Protocol { get; init; }

    /// <summary>The id of the agent that polls this connection.</summary>
    public required string Agent { get; init; }

    public required ConnectionEndpoint Endpoint { get; init; }

    public IReadOnlyList<PollGroup> PollGroups { get; init; } = [];

    public bool Equals(Connection? other) =>
        other is not null
        && Id == other.Id
        && Protocol == other.Protocol
        && Agent == other.Agent
        && Endpoint.Equals(other.Endpoint)
        && PollGroups.SequenceEqual(other.PollGroups);

    public override int GetHashCode() => HashCode.Combine(Id, Protocol, Agent, Endpoint, PollGroups.Count);
}
