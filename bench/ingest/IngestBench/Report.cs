using System.Globalization;
using System.Text;

namespace Proxus.Bench.Ingest;

/// <summary>The markdown of bench/ingest/README.md.</summary>
public static class Report
{
    public static string Table(long rows, double ingestRate, double ingestSeconds, double publishSeconds, double copyRate, double copySeconds, double medianMs, double p95Ms, int buckets, CpuUse cpu, string load, double bytesPerRow)
    {
        var c = CultureInfo.InvariantCulture;
        var cpuTotal = cpu.Server + cpu.LoadGenerator + cpu.Postgres;
        return new StringBuilder()
            .AppendLine("| measurement | rows | seconds | rows/s | target |")
            .AppendLine("|---|---:|---:|---:|---|")
            .AppendLine(c, $"| MQTT QoS 1 -> our broker -> UNS consumer -> PostgreSQL (end to end) | {rows:N0} | {ingestSeconds:N2} | {ingestRate:N0} | >= 100,000 rows/s |")
            .AppendLine(c, $"| raw `COPY` by psql, same rows, same table and indexes | {rows:N0} | {copySeconds:N2} | {copyRate:N0} | |")
            .AppendLine(c, $"| **ratio ours / raw COPY** | | | **{ingestRate / copyRate:P0}** | >= 60 % |")
            .AppendLine()
            .AppendLine(c, $"The load generator finished publishing (every PUBACK received) after {publishSeconds:N2} s. Load average: {load}.")
            .AppendLine()
            .AppendLine("CPU used during the end-to-end run (user + system, all threads; 2 cores give at most 2 s per second):")
            .AppendLine()
            .AppendLine("| process | CPU s | CPU s per second of run | µs CPU per row |")
            .AppendLine("|---|---:|---:|---:|")
            .AppendLine(c, $"| server (broker, UNS consumer, parsing, COPY client) | {cpu.Server:N1} | {cpu.Server / ingestSeconds:N2} | {cpu.Server / rows * 1e6:N1} |")
            .AppendLine(c, $"| load generator (4 MQTT publishers) | {cpu.LoadGenerator:N1} | {cpu.LoadGenerator / ingestSeconds:N2} | {cpu.LoadGenerator / rows * 1e6:N1} |")
            .AppendLine(c, $"| PostgreSQL (all backends) | {cpu.Postgres:N1} | {cpu.Postgres / ingestSeconds:N2} | {cpu.Postgres / rows * 1e6:N1} |")
            .AppendLine(c, $"| **all three** | {cpuTotal:N1} | {cpuTotal / ingestSeconds:N2} | {cpuTotal / rows * 1e6:N1} |")
            .AppendLine()
            .AppendLine(c, $"The server's ingest code (hand-over from the consumer, parsing, COPY encoding) allocates {bytesPerRow:N0} bytes per row (measured in the benchmark process on the same payloads; the broker and the MQTT client are not included).")
            .AppendLine()
            .AppendLine("| query | points | buckets | median ms | p95 ms | target |")
            .AppendLine("|---|---:|---:|---:|---:|---|")
            .AppendLine(c, $"| one tag-day at 1 Hz, aggregated (min, max, avg, first, last, count) | 86,400 | {buckets:N0} | {medianMs:N1} | {p95Ms:N1} | < 100 ms |")
            .ToString();
    }

    /// <summary>The heading from which the README is written by hand (the reading of the figures); a run keeps it.</summary>
    public const string ReadingHeading = "## Reading";

    public static string Readme(string table, string command, IReadOnlyDictionary<string, string> tuning, string previous)
    {
        var reading = previous.IndexOf(ReadingHeading, StringComparison.Ordinal) is >= 0 and var at ? previous[at..] : string.Empty;
        var settings = tuning.Count == 0 ? "the server's defaults" : string.Join(", ", tuning.Select(t => $"`{t.Key}={t.Value}`"));
        return new StringBuilder()
            .AppendLine("# bench/ingest — telemetry ingest from MQTT into PostgreSQL")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run with `{command}`; server settings: {settings}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} logical CPUs shared with the other processes of the run (PostgreSQL, the server, the load generator) and with whatever else runs, {Environment.OSVersion}, .NET {Environment.Version}.")
            .AppendLine()
            .AppendLine(table)
            .AppendLine("## What is measured")
            .AppendLine("- **End to end**: a throw-away PostgreSQL 15 (fsync off, as in the tests), our server (Release, with the")
            .AppendLine("  runtime settings of its deployments: `DOTNET_GCgen0size=0x4000000`) with its embedded broker and its own")
            .AppendLine("  UNS consumer on it in-process (shared subscription, manual acknowledgement after commit),")
            .AppendLine("  and a load generator (our MQTT client) publishing QoS 1 UNS JSON values, one value per message as")
            .AppendLine("  agents do, pipelined, from several connections; every row a distinct value and timestamp. Topics and")
            .AppendLine("  payloads are encoded and the connections opened before the clock starts. It runs from the first")
            .AppendLine("  publish until `SELECT COUNT(*)` sees every row committed. Before it, warm-up rounds of the same")
            .AppendLine("  traffic on earlier days (deleted afterwards) run until the tiered JIT is quiet, at most six.")
            .AppendLine("- **Raw COPY**: the same rows, exported from `telemetry` after the ingest, loaded back into the same")
            .AppendLine("  emptied table (same daily partitions, primary key and indexes) by `psql \\copy` (text format), timed")
            .AppendLine("  around the psql process.")
            .AppendLine("- **CPU**: `/proc` user + system time of the server process, of this process (the load generator)")
            .AppendLine("  and of PostgreSQL's postmaster and backends, before and after the end-to-end run.")
            .AppendLine("- **Allocations**: `GC.GetAllocatedBytesForCurrentThread` around the server's ingest code (hand-over,")
            .AppendLine("  parser, COPY encoder) run in the benchmark process on the same payloads, after one warm-up pass.")
            .AppendLine("- **Query**: 86,400 values of one tag on one day, aggregated by the server's own history query")
            .AppendLine("  (buckets of 86.4 s aligned on the start: 1,000 buckets), 3 warm-up runs then 15 timed runs.")
            .AppendLine()
            .Append(reading)
            .ToString();
    }

    public static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
