namespace Proxus.Server.Monitoring;

/// <summary>The body of <c>POST /api/v1/alerts/{id}/acknowledge</c>.</summary>
/// <param name="Comment">Why the alert is acknowledged (1..1000 characters; audited).</param>
public sealed record AcknowledgeAlertRequest(string? Comment);
