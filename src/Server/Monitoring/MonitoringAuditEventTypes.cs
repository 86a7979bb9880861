namespace Proxus.Server.Monitoring;

/// <summary>The audit event types of security monitoring.</summary>
public static class MonitoringAuditEventTypes
{
    public const string AlertRaised = "alert.raised";
    public const string AlertAcknowledged = "alert.acknowledged";
}
