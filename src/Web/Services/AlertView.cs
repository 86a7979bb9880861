namespace Proxus.Web.Services;

/// <summary>A stored alert: the rule that raised it, how often, about what, and its acknowledgement.</summary>
public sealed record AlertView(
    Guid Id,
    string Rule,
    string Severity,
    string State,
    string Subject,
    string? Source,
    string Summary,
    IReadOnlyDictionary<string, string?> Details,
    long Count,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? AcknowledgeComment)
{
    public bool IsOpen => State == "Open";
}
