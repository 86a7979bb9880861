using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Proxus.Bench.Mqtt;

/// <summary>
/// Latency by the time the message was sent, in fixed slices: a tail that recurs at a fixed period
/// points at a timer, one that follows the broker's collections at the GC, one spread evenly at the
/// per-message path. Printed with <c>--timeline</c>.
/// </summary>
public static class LatencyTimeline
{
    /// <summary>
    /// One line per slice; with the broker's probe events (our server only, else empty), the longest
    /// GC pause, late wake-up and late thread-pool item of each slice, and a summary of the GC pauses.
    /// </summary>
    public static string Describe(string title, IReadOnlyList<SubscriberState> states, long origin, TimeSpan slice, IReadOnlyList<ProbeEvent> probe)
    {
        // Stopwatch timestamps to wall-clock time, which the probe in the broker's process writes.
        var originUtc = DateTime.UtcNow - Stopwatch.GetElapsedTime(origin);
        var samples = states.SelectMany(s => s.SentTimestamps.Zip(s.LatenciesMicros)).ToList();
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"    timeline of {title} (sent at, since the first publish; latency ms; broker's longest GC pause / late wake-up / late pool item, ms):");
        foreach (var group in samples.GroupBy(s => (long)(Stopwatch.GetElapsedTime(origin, s.First) / slice)).OrderBy(g => g.Key))
        {
            var sorted = group.Select(s => s.Second).Order().ToArray();
            var from = originUtc + (group.Key * slice);
            var events = probe.Where(e => e.At >= from && e.At < from + slice).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"    {(group.Key * slice).TotalSeconds,6:F1} s  n {sorted.Length,6}  p50 {Millis(sorted, 0.50),7:F2}  p99 {Millis(sorted, 0.99),8:F2}  max {sorted[^1] / 1000.0,8:F2}  >=10 ms {sorted.Count(l => l >= 10_000),5}  gc {Longest(events, "gc"),6:F1} ({events.Count(e => e.Kind == "gc")})  stall {Longest(events, "stall"),6:F1}  pool {Longest(events, "pool"),6:F1}");
        }

        var measured = probe.Where(e => e.At >= originUtc && e.Kind == "gc").ToList();
        if (measured.Count > 0)
        {
            var pauses = measured.Select(e => e.Duration.TotalMilliseconds).Order().ToArray();
            text.AppendLine(CultureInfo.InvariantCulture, $"    broker GC pauses from the first publish on: {pauses.Length} ({string.Join(", ", measured.GroupBy(e => e.Value).OrderBy(g => g.Key).Select(g => $"gen{g.Key} {g.Count()}"))}), total {pauses.Sum():F1} ms, median {pauses[pauses.Length / 2]:F2} ms, max {pauses[^1]:F2} ms");
            var suspensions = probe.Where(e => e.At >= originUtc && e.Kind == "suspend").ToList();
            if (suspensions.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    of which suspending the threads: total {suspensions.Sum(e => e.Duration.TotalMilliseconds):F1} ms, max {suspensions.Max(e => e.Duration.TotalMilliseconds):F2} ms; thread-pool threads {suspensions.Min(e => e.Value)}-{suspensions.Max(e => e.Value)}");
            }
        }

        return text.ToString();
    }

    private static double Longest(List<ProbeEvent> events, string kind)
        => events.Where(e => e.Kind == kind).Select(e => e.Duration.TotalMilliseconds).DefaultIfEmpty(0).Max();

    private static double Millis(int[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, sorted.Length * p)] / 1000.0;
}
