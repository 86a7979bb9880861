using Proxus.Server.Monitoring;

namespace Proxus.Interop.Tests.Monitoring.Support;

/// <summary>An alert as the store returns it, for forwarding tests.</summary>
public static class SampleAlert
{
    public static Alert Create(string rule, AlertSeverity severity, string subject, string? summary = null)
    {
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
        return new Alert
        {
            Id = Guid.NewGuid(),
            Rule = rule,
            Severity = severity,
            State = AlertState.Open,
            Subject = subject,
            Source = "10.1.2.3",
            Summary = summary ?? $"{rule} for {subject}",
            Details = "{\"reason\":\"Revoked\"}",
            Count = 3,
            FirstSeen = at,
            LastSeen = at,
        };
    }
}
