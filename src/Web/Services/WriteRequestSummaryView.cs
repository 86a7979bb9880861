namespace Proxus.Web.Services;

/// <summary>A write request as the list shows it.</summary>
public sealed record WriteRequestSummaryView(
    Guid Id,
    string Tag,
    string SiteName,
    string Value,
    string State,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    int Approvals,
    int ApprovalsRequired,
    string? ReadBack,
    string? Error);
