namespace Proxus.Web.Services;

/// <summary>One line of a history chart.</summary>
public sealed record HistorySeries(string Name, IReadOnlyList<double?> Values);
