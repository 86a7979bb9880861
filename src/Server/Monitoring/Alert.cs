namespace Proxus.Server.Monitoring;

/// <summary>
/// A raised alert. At most one is open per rule and subject: later occurrences raise
/// <see cref="Count"/> and <see cref="LastSeen"/> on it instead of opening another.
/// </summary>
public sealed class Alert
{
    public const int MaxSubjectLength = 512;
    public const int MaxSourceLength = 256;
    public const int MaxSummaryLength = 1000;
    public const int MaxDetailsLength = 8000;
    public const int MaxCommentLength = 1000;
    public const int MaxActorLength = 256;

    public Guid Id { get; set; }

    /// <summary>One of <see cref="AlertRules"/>.</summary>
    public required string Rule { get; set; }

    public AlertSeverity Severity { get; set; }

    public AlertState State { get; set; }

    public required string Subject { get; set; }

    public string? Source { get; set; }

    public required string Summary { get; set; }

    /// <summary>A JSON object of string values (escaped, capped).</summary>
    public required string Details { get; set; }

    public long Count { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public string? AcknowledgeComment { get; set; }
}
