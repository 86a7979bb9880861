namespace Proxus.Server.Configuration;

/// <summary>An agent's configuration at a glance: the newest envelope issued and the agent's latest report.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="LatestVersion">The newest version issued, or null when none was.</param>
/// <param name="IssuedAt">When the newest version was signed.</param>
/// <param name="ExpiresAt">When the newest version expires.</param>
/// <param name="AppliedVersion">The version the agent reported it runs, or null.</param>
/// <param name="ReportedVersion">The version of the latest report.</param>
/// <param name="ReportStatus">Applied or rejected, for the latest report.</param>
/// <param name="Reason">The agent's reason for a rejection.</param>
/// <param name="ReportedAt">When the latest report arrived.</param>
public sealed record AgentConfigSummary(
    Guid AgentId,
    long? LatestVersion,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? ExpiresAt,
    long? AppliedVersion,
    long? ReportedVersion,
    AgentConfigReportStatus? ReportStatus,
    string? Reason,
    DateTimeOffset? ReportedAt);
