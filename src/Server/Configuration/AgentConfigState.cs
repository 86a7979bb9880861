namespace Proxus.Server.Configuration;

/// <summary>What an agent last reported about its configuration: the version it runs and its latest report.</summary>
public sealed class AgentConfigState
{
    public const int MaxReasonLength = 1000;

    public Guid AgentId { get; set; }

    /// <summary>The version the agent runs; null until it has applied one.</summary>
    public long? AppliedVersion { get; set; }

    /// <summary>The version of the latest report, applied or rejected.</summary>
    public long ReportedVersion { get; set; }

    public AgentConfigReportStatus Status { get; set; }

    /// <summary>The agent's reason for a rejection.</summary>
    public string? Reason { get; set; }

    public DateTimeOffset ReportedAt { get; set; }
}
