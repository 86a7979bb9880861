namespace Proxus.Server.Fleet;

/// <summary>A plant or location; its agents publish below its UNS prefix.</summary>
public sealed class Site
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Agent> Agents { get; } = [];
}
