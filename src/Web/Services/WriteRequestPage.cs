namespace Proxus.Web.Services;

/// <summary>One page of write requests and whether more match after it.</summary>
public sealed record WriteRequestPage(IReadOnlyList<WriteRequestSummaryView> Requests, bool HasMore);
