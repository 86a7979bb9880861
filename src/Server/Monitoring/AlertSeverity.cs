namespace Proxus.Server.Monitoring;

/// <summary>How urgent an alert is; maps to the syslog severity of a forwarded alert.</summary>
public enum AlertSeverity
{
    /// <summary>Worth a look (syslog Notice).</summary>
    Low,

    /// <summary>Unusual, may be an attack or a fault (syslog Warning).</summary>
    Medium,

    /// <summary>Likely an attack or a loss of visibility (syslog Error).</summary>
    High,

    /// <summary>A trust violation: act now (syslog Critical).</summary>
    Critical,
}
