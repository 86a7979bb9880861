namespace Proxus.Web.Services;

/// <summary>One page of alerts and whether more match after it.</summary>
public sealed record AlertPage(IReadOnlyList<AlertView> Alerts, bool HasMore);
