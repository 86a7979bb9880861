namespace Proxus.Server.Telemetry;

/// <summary>
/// The aggregates of one tag over one time bucket <c>[Start, Start + bucket)</c>, over the
/// good-quality numeric values in it; buckets without such values are not returned.
/// </summary>
public sealed record HistoryBucket(string Tag, DateTimeOffset Start, double Min, double Max, double Avg, double First, double Last, long Count);
