namespace Proxus.Server.Fleet;

/// <summary>
/// A plant or location. Its place in the Unified Namespace is its <see cref="Configuration.SiteNamespace"/>
/// (<c>Enterprise/Site</c>): the prefix of its tag paths and the subtree its agents may publish below.
/// </summary>
public sealed class Site
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Agent> Agents { get; } = [];
}
