namespace Proxus.Server.Telemetry;

/// <summary>One stored value of a tag, as the history API returns it.</summary>
/// <param name="Tag">The UNS path.</param>
/// <param name="Timestamp">The source timestamp (UTC).</param>
/// <param name="Value">A number, a boolean, a string or null.</param>
/// <param name="Quality"><c>good</c>, <c>uncertain</c> or <c>bad</c>.</param>
public sealed record HistoryPoint(string Tag, DateTimeOffset Timestamp, object? Value, string Quality);
