namespace Proxus.Server.Configuration;

/// <summary>
/// The UNS identity of a site: its enterprise and site level names, so every tag of the site lives
/// below <c>Enterprise/Site/</c>. Set once, before the first tag map; two sites never share one.
/// </summary>
public sealed class SiteNamespace
{
    public Guid SiteId { get; set; }

    public required string Enterprise { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Core.Model.Site ToModel() => new(Enterprise, Name);
}
