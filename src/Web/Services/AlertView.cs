namespace Proxus.Web.Services;

/// <summary>
/// A stored alert: the rule that raised it, how often, about what, and its acknowledgement. When
/// the subject is an agent, <see cref="SubjectAgent"/> is that agent and the summary names it by its
/// name instead of <c>agent:{id}</c>.
/// </summary>
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
    string? AcknowledgeComment,
    AgentReference? SubjectAgent = null)
{
    public bool IsOpen => State == "Open";
}
