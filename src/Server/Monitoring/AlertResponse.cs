namespace Proxus.Server.Monitoring;

/// <summary>An alert as the REST API shows it; <c>details</c> are string values.</summary>
public sealed record AlertResponse(
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
    public static AlertResponse From(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertResponse(
            alert.Id, alert.Rule, alert.Severity.ToString(), alert.State.ToString(), alert.Subject, alert.Source, alert.Summary,
            AlertMessages.Details(alert), alert.Count, alert.FirstSeen, alert.LastSeen, alert.AcknowledgedAt, alert.AcknowledgedBy, alert.AcknowledgeComment);
    }
}
