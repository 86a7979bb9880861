namespace Proxus.Server.Fleet;

/// <summary>A plant or location; its agents publish below its UNS prefix.</summary>
public sealed class Site
{
    public const int MaxNameLength = 200;

    /// <summary>Two UNS levels of at most 64 characters and the separator.</summary>
    public const int MaxUnsPrefixLength = 129;

    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>
    /// The site's place in the Unified Namespace, <c>Enterprise/Site</c> (<see cref="SiteUnsPrefix"/>):
    /// its agents may publish only below it. Null until assigned: the site's agents then publish no
    /// UNS data at all.
    /// </summary>
    public string? UnsPrefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Agent> Agents { get; } = [];
}
