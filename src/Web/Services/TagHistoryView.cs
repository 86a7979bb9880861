namespace Proxus.Web.Services;

/// <summary>
/// A tag's history as chart series: <see cref="Times"/> in Unix seconds, and per series the values
/// (null where a raw value is not numeric). Raw history has one series ("value"); aggregated
/// history has min, avg and max. <see cref="Truncated"/> is set when the raw limit was reached.
/// </summary>
public sealed record TagHistoryView(string Tag, string? Unit, IReadOnlyList<double> Times, IReadOnlyList<HistorySeries> Series, bool Truncated);
