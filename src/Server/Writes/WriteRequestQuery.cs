namespace Proxus.Server.Writes;

/// <summary>Filters for listing write requests; all optional, combined with AND; newest first.</summary>
public sealed record WriteRequestQuery
{
    public const int MaxLimit = 1000;

    public Guid? SiteId { get; init; }

    public WriteState? State { get; init; }

    /// <summary>The requester's audit name, e.g. <c>user:alice</c>.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>Requested at or after.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Requested before (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only the sites an OtEngineer is assigned to; null for every site.</summary>
    public IReadOnlySet<Guid>? VisibleSites { get; init; }

    public int Limit { get; init; } = 100;
}
