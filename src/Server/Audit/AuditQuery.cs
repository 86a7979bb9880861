namespace Proxus.Server.Audit;

/// <summary>Filters for reading the log; all optional, combined with AND. Paged by sequence.</summary>
public sealed record AuditQuery
{
    public const int MaxLimit = 1000;

    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    public string? Actor { get; init; }

    public string? Type { get; init; }

    /// <summary>Only entries after this sequence (the last one of the previous page).</summary>
    public long AfterSequence { get; init; }

    public int Limit { get; init; } = 100;
}
