namespace Proxus.Server.Fleet;

/// <summary>An edge agent; its certificate binds it to this id and to its site.</summary>
public sealed class Agent
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }

    public Guid SiteId { get; set; }

    public Site? Site { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When an admin deleted it from the fleet; the row stays for the records that name it.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
