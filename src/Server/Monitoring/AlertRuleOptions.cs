namespace Proxus.Server.Monitoring;

/// <summary>The thresholds of the alert rules (section <c>Monitoring:Rules</c>); the defaults are documented in docs/monitoring.md.</summary>
public sealed class AlertRuleOptions
{
    /// <summary>Rule ids (<see cref="AlertRules"/>) that raise nothing.</summary>
    public string[] Disabled { get; set; } = [];

    /// <summary>Authentication failures from one source address within <see cref="AuthenticationFailureWindow"/> that raise an alert.</summary>
    public int AuthenticationFailureThreshold { get; set; } = 5;

    public TimeSpan AuthenticationFailureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>ACL denials of one client within <see cref="AclDenialWindow"/> that raise an alert.</summary>
    public int AclDenialThreshold { get; set; } = 20;

    public TimeSpan AclDenialWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an agent is offline before an alert.</summary>
    public TimeSpan AgentOfflineAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long before its newest certificate expires an agent (or the server) raises an alert.</summary>
    public TimeSpan CertificateExpiryWarning { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Weight of the newest sample in an agent's publish-rate baseline (EWMA), in (0, 1].</summary>
    public double RateSmoothing { get; set; } = 0.2;

    /// <summary>Samples (evaluation intervals) that build an agent's baseline before it is judged.</summary>
    public int RateWarmupSamples { get; set; } = 10;

    /// <summary>A rate this many times above, or below one over this of, the baseline is anomalous (greater than 1).</summary>
    public double RateFactor { get; set; } = 4;

    /// <summary>Rates (messages per second) below this, in the baseline and the sample, are too small to judge.</summary>
    public double RateMinimumPerSecond { get; set; } = 1;

    /// <summary>After this many anomalous samples in a row the new rate becomes the baseline (a legitimate change).</summary>
    public int RateRelearnAfterSamples { get; set; } = 30;

    public bool IsEnabled(string rule) => !Disabled.Contains(rule, StringComparer.Ordinal);
}
