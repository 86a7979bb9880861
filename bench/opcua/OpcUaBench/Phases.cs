namespace Proxus.Bench.OpcUa;

/// <summary>
/// The periods of one measurement: warm-up without a budget, settling under the CPU budget (zero when there is
/// none), and the measured period under it.
/// </summary>
internal sealed record Phases(TimeSpan Warmup, TimeSpan Settle, TimeSpan Measured);
