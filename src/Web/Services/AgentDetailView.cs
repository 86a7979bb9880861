namespace Proxus.Web.Services;

/// <summary>
/// One agent: its site, every certificate issued to it, and its configuration versions — the
/// newest issued (<see cref="LatestConfigVersion"/>) against the one the agent reported it runs
/// (<see cref="AppliedConfigVersion"/>), and its latest report in words (applied or rejected, why).
/// </summary>
public sealed record AgentDetailView(
    AgentView Agent,
    string SiteName,
    IReadOnlyList<CertificateView> Certificates,
    long? LatestConfigVersion,
    long? AppliedConfigVersion,
    string? ConfigReport,
    DateTimeOffset? ConfigReportedAt);
