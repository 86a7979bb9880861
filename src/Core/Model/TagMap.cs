namespace Proxus.Core.Model;

/// <summary>
/// A site's complete mapping from device addresses to the Unified Namespace: its connections and its
/// tags. Equality compares both lists element by element, in order.
/// </summary>
public sealed record TagMap(Site Site, IReadOnlyList<Connection> Connections, IReadOnlyList<Tag> Tags)
{
    public bool Equals(TagMap? other) =>
        other is not null
        && Site.Equals(other.Site)
        && Connections.SequenceEqual(other.Connections)
        && Tags.SequenceEqual(other.Tags);

    public override int GetHashCode() => HashCode.Combine(Site, Connections.Count, Tags.Count);
}
