namespace Proxus.Web.Services;

/// <summary>A write request with its full timeline and what the caller may decide.</summary>
public sealed record WriteRequestDetailView(
    Guid Id,
    string Tag,
    Guid SiteId,
    string SiteName,
    Guid AgentId,
    string AgentName,
    string DataType,
    string Value,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    DateTimeOffset ExpiresAt,
    bool Critical,
    int Approvals,
    int ApprovalsRequired,
    string State,
    bool IsFinal,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? CompletedAt,
    string? ReadBack,
    string? Error,
    IReadOnlyList<WriteStepView> Timeline,
    WriteDecisionView Decision);
