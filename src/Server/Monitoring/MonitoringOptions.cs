namespace Proxus.Server.Monitoring;

/// <summary>Security monitoring: the alert rules and where alerts are forwarded (section <c>Monitoring</c>).</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    /// <summary>How often the condition rules (offline agents, expiring certificates, publish rates) are evaluated.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    public AlertRuleOptions Rules { get; set; } = new();

    public SyslogOptions Syslog { get; set; } = new();

    public WebhookOptions Webhook { get; set; } = new();
}
