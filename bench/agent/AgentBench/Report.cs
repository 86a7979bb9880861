using System.Globalization;
using System.Text;

namespace Proxus.Bench.Agent;

/// <summary>The markdown of bench/agent/README.md.</summary>
public static class Report
{
    private const double Megabyte = 1_000_000;

    public static string Table(int tags, int clockPollMs, double expectedRate, BenchResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var change = result.ChangeToSubscriberMs;
        var read = result.ReadToSubscriberMs;
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
            .AppendLine(c, $"| resident set min / max over the window | {result.Samples.Min(s => s.RssKiB) * 1024 / Megabyte:N1} / {result.Samples.Max(s => s.RssKiB) * 1024 / Megabyte:N1} MB |")
            .AppendLine(c, $"| resident set by mapping (end of window) | {string.Join(", ", result.MemoryMap.Take(4).Select(entry => $"{Path.GetFileName(entry.Mapping)} {entry.RssKiB * 1024 / Megabyte:N1}"))} MB |")
            .AppendLine(c, $"| change -> subscriber p90 | {BenchResult.Percentile(change, 90):N1} ms |")
            .AppendLine(c, $"| threads (end of window) | {result.Threads} |")
            .AppendLine(c, $"| window | {(result.Samples[^1].At - result.Samples[0].At).TotalSeconds:N0} s |")
            .ToString();
    }

    public static string Readme(string table, string command, int tags, int clockPollMs)
    {
        var c = CultureInfo.InvariantCulture;
        return new StringBuilder()
            .AppendLine("# bench/agent — the edge agent under load")
            .AppendLine()
            .AppendLine(c, $"Run with `{command}` ({tags:N0} bulk tags at 1 s, a clock tag polled every {clockPollMs} ms).")
            .AppendLine(c, $"Machine: {Environment.ProcessorCount} logical CPUs shared with the other processes of the run (the server, three simulators, the subscriber) and with other work; {Environment.OSVersion}, .NET {Environment.Version}; load average at the end: {LoadAverage()}.")
            .AppendLine()
            .AppendLine(table)
            .AppendLine("## What runs")
            .AppendLine("- **Server**: the Release build as operators run it, SQLite in a temporary directory, HTTPS, MQTT over TLS")
            .AppendLine("  with client certificates for the agent and the loopback listener for the subscriber. Its own UNS")
            .AppendLine("  consumers (history ingest) are off: the subject is the agent, and 10,000 rows/s into SQLite")
            .AppendLine("  (bench/ingest's subject) would take the CPU the agent is measured on. The broker's Receive Maximum")
            .AppendLine("  is raised to 1,024 (`Mqtt:Broker:MaximumInFlightMessages`): with the default of 100 an agent's")
            .AppendLine("  throughput is 100 messages per round trip, which a loaded machine's 10 ms round trips cap at 10,000/s.")
            .AppendLine("- **Agent**: enrolled through the real flow (first sign-in, site, namespace, agent, tag map published")
            .AppendLine("  over REST, one-time token, `proxus-agent enroll`), then `proxus-agent run` as its own process with")
            .AppendLine("  the signed configuration the server compiled.")
            .AppendLine("- **PLCs**: three simulator processes. Half of the bulk tags are Modbus holding registers (UInt16), half")
            .AppendLine("  S7 DB words (Int16), all in one 1 s poll group per connection with `report_by_exception: false`, so")
            .AppendLine("  every poll publishes every tag: 10,000 UNS messages/s, QoS 1, retained, through the disk queue. This")
            .AppendLine("  is the heaviest case of 10,000 tags at 1 s; with report-by-exception only changes cost anything.")
            .AppendLine("- **Subscriber**: our MQTT client on the server's broker, subscribed to the site's namespace.")
            .AppendLine()
            .AppendLine("## How to read the figures")
            .AppendLine("- **Resident set** is `VmRSS` of `/proc/<pid>/status`, sampled every second over the window (median")
            .AppendLine("  = steady); **peak** is `VmHWM`, the kernel's high-water mark over the process's life, including")
            .AppendLine("  start-up and verifying and applying the 10,001-tag configuration. MB = 10^6 bytes. The mapping")
            .AppendLine("  row splits the resident set by `/proc/<pid>/smaps`: anonymous memory (GC heap, stacks, native),")
            .AppendLine("  `memfd:doublemapper` (JIT-compiled code, mapped twice under W^X) and the runtime's own files.")
            .AppendLine("- **CPU** is the growth of `utime + stime` of `/proc/<pid>/stat` over the window divided by its wall")
            .AppendLine("  time: 100 % is one core. It is CPU time the agent used, so it does not grow with the machine's load;")
            .AppendLine("  the latencies do.")
            .AppendLine("- **Latency**: the clock simulator writes the wall-clock time in milliseconds into `HR0` every 10 ms")
            .AppendLine("  (signal kind `Clock`), so each value says when it changed. The agent polls it every")
            .AppendLine(c, $"  {clockPollMs} ms and publishes it; the subscriber takes the message off its socket and computes")
            .AppendLine("  *change -> subscriber* = receipt time - value (the simulator, the agent and the subscriber share the")
            .AppendLine("  machine's clock), and *read reply -> subscriber* = receipt time - the payload's `timestamp` (the")
            .AppendLine("  moment the agent's read reply arrived). The first includes the value's age when it was read (at most")
            .AppendLine("  the simulator's 10 ms tick plus the request); the second is the agent's own path (normalization,")
            .AppendLine("  disk queue, MQTT/TLS) plus the broker. Not included, for either: the wait for the next poll of a")
            .AppendLine(c, $"  change that happens between polls, which polling itself sets (uniform, 0 to {clockPollMs} ms).")
            .AppendLine("- The window starts once the subscriber has received the expected rate (within 5 %) for five seconds")
            .AppendLine("  in a row, so it holds no start-up backlog.")
            .ToString();
    }

    private static string Ratio(double measured, double target) => (measured / target).ToString("P0", CultureInfo.InvariantCulture);

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
