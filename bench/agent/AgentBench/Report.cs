using System.Globalization;
using System.Text;

namespace Proxus.Bench.Agent;

/// <summary>The markdown table of one run.</summary>
public static class Report
{
    private const double Megabyte = 1_000_000;

    public static string Table(BenchOptions options, double expectedRate, BenchResult result, string startup)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        var (tags, clockPollMs) = (options.Tags, options.ClockPollMs);
        var change = result.ChangeToSubscriberMs;
        var read = result.ReadToSubscriberMs;
        var every = result.EveryChangeToSubscriberMs;
        var changeP99 = BenchResult.Percentile(change, 99);
        return new StringBuilder()
            .AppendLine(c, $"| agent, {tags:N0} tags at 1 s (+ 1 clock tag at {clockPollMs} ms) | measured | target | measured / target |")
            .AppendLine("|---|---:|---:|---:|")
            .AppendLine(c, $"| resident set, steady (median of 1 s samples) | {result.SteadyRssBytes / Megabyte:N1} MB | < 80 MB | {Ratio(result.SteadyRssBytes / Megabyte, 80)} |")
            .AppendLine(c, $"| resident set, peak (VmHWM, start-up included) | {result.PeakRssBytes / Megabyte:N1} MB | < 80 MB | {Ratio(result.PeakRssBytes / Megabyte, 80)} |")
            .AppendLine(c, $"| CPU, user + system | {result.CpuPercent:N1} % of one core | < 10 % | {Ratio(result.CpuPercent, 10)} |")
            .AppendLine(c, $"| change -> subscriber latency, p99 ({change.Count:N0} clock values) | {changeP99:N1} ms | < 50 ms | {Ratio(changeP99, 50)} |")
            .AppendLine()
            .AppendLine("| detail | value |")
            .AppendLine("|---|---:|")
            .AppendLine(c, $"| UNS messages received by the subscriber | {result.MessagesPerSecond:N0}/s (expected {expectedRate:N0}/s) |")
            .AppendLine(c, $"| of which bad quality (window) | {result.BadQualityMessages:N0} |")
            .AppendLine(c, $"| change -> subscriber p50 / p99 / max | {BenchResult.Percentile(change, 50):N1} / {changeP99:N1} / {BenchResult.Percentile(change, 100):N1} ms |")
            .AppendLine(c, $"| read reply -> subscriber p50 / p99 / max | {BenchResult.Percentile(read, 50):N1} / {BenchResult.Percentile(read, 99):N1} / {BenchResult.Percentile(read, 100):N1} ms |")
            .AppendLine(c, $"| every clock change -> subscriber, the wait for the next poll included, p50 / p99 / max ({every.Count:N0} changes) | {BenchResult.Percentile(every, 50):N1} / {BenchResult.Percentile(every, 99):N1} / {BenchResult.Percentile(every, 100):N1} ms |")
            .AppendLine(c, $"| resident set min / max over the window | {result.Samples.Min(s => s.RssKiB) * 1024 / Megabyte:N1} / {result.Samples.Max(s => s.RssKiB) * 1024 / Megabyte:N1} MB |")
            .AppendLine(c, $"| resident set every 100 ms from the agent's start | {startup} |")
            .AppendLine(c, $"| resident set by mapping (end of window) | {string.Join(", ", result.MemoryMap.Take(8).Select(entry => $"{Path.GetFileName(entry.Mapping)} {entry.RssKiB * 1024 / Megabyte:N1}"))} MB |")
            .AppendLine(c, $"| resident set in mapped files / anonymous (end of window) | {result.MemoryMap.Where(entry => entry.Mapping.StartsWith('/')).Sum(entry => entry.RssKiB) * 1024 / Megabyte:N1} / {result.MemoryMap.Where(entry => !entry.Mapping.StartsWith('/')).Sum(entry => entry.RssKiB) * 1024 / Megabyte:N1} MB |")
            .AppendLine(c, $"| change -> subscriber p90 | {BenchResult.Percentile(change, 90):N1} ms |")
            .AppendLine(c, $"| threads (end of window) | {result.Threads} |")
            .AppendLine(c, $"| window | {(result.Samples[^1].At - result.Samples[0].At).TotalSeconds:N0} s |")
            .AppendLine(c, $"| agent | {(options.Agent is null ? "build output" : options.Agent)}{string.Concat(options.Environment.Select(pair => $", {pair.Key}={pair.Value}"))} |")
            .AppendLine(c, $"| load average at the end | {LoadAverage()} |")
            .ToString();
    }

    private static string Ratio(double measured, double target) => (measured / target).ToString("P0", CultureInfo.InvariantCulture);

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
