using System.Globalization;
using System.Text;

namespace Proxus.Bench.Ingest;

/// <summary>The markdown of bench/ingest/README.md.</summary>
public static class Report
{
    public static string Table(IngestResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var (cpu, gc, rows) = (r.Cpu, r.Gc, r.Rows);
        var cpuTotal = cpu.Server + cpu.LoadGenerator + cpu.Postgres;
        var generator = r.Generator == "raw" ? "pre-encoded packets" : "our MQTT client";
        var builder = new StringBuilder()
            .AppendLine("| measurement | rows | seconds | rows/s | target |")
            .AppendLine("|---|---:|---:|---:|---|")
            .AppendLine(c, $"| MQTT QoS 1 -> our broker -> UNS consumer -> PostgreSQL (end to end) | {rows:N0} | {r.IngestSeconds:N2} | {r.IngestRate:N0} | >= 100,000 rows/s |")
            .AppendLine(c, $"| raw `COPY` by psql, same rows, same table and indexes | {rows:N0} | {r.CopySeconds:N2} | {r.CopyRate:N0} | |")
            .AppendLine(c, $"| **ratio ours / raw COPY** | | | **{r.IngestRate / r.CopyRate:P0}** | >= 60 % |")
            .AppendLine()
            .AppendLine(c, $"The load generator ({r.Publishers} connections, {generator}) finished publishing (every PUBACK received) after {r.PublishSeconds:N2} s. Load average: {r.Load}.")
            .AppendLine()
            .AppendLine("CPU used (user + system, all threads; 2 cores give at most 2 s per second):")
            .AppendLine()
            .AppendLine("| process | CPU s | CPU s per second of run | µs CPU per row |")
            .AppendLine("|---|---:|---:|---:|")
            .AppendLine(c, $"| server (broker, UNS consumer, parsing, COPY client) | {cpu.Server:N1} | {cpu.Server / r.IngestSeconds:N2} | {cpu.Server / rows * 1e6:N1} |")
            .AppendLine(c, $"| load generator ({r.Publishers} MQTT publishers, {generator}) | {cpu.LoadGenerator:N1} | {cpu.LoadGenerator / r.IngestSeconds:N2} | {cpu.LoadGenerator / rows * 1e6:N1} |")
            .AppendLine(c, $"| PostgreSQL (all backends) | {cpu.Postgres:N1} | {cpu.Postgres / r.IngestSeconds:N2} | {cpu.Postgres / rows * 1e6:N1} |")
            .AppendLine(c, $"| **end to end, all three** | {cpuTotal:N1} | {cpuTotal / r.IngestSeconds:N2} | {cpuTotal / rows * 1e6:N1} |")
            .AppendLine(c, $"| raw COPY: PostgreSQL (all backends) | {r.CopyPostgresCpu:N1} | {r.CopyPostgresCpu / r.CopySeconds:N2} | {r.CopyPostgresCpu / rows * 1e6:N1} |")
            .AppendLine(c, $"| raw COPY: psql | {r.CopyPsqlCpu:N1} | {r.CopyPsqlCpu / r.CopySeconds:N2} | {r.CopyPsqlCpu / rows * 1e6:N1} |")
            .AppendLine()
            .AppendLine(c, $"The server process allocated {gc.AllocatedBytes / (double)rows:N0} bytes per row during the run (all of it: broker, consumer, ingest; `GC.GetTotalAllocatedBytes`), with {gc.Gen0:N0} gen0, {gc.Gen1:N0} gen1 and {gc.Gen2:N0} gen2 collections and {gc.PauseMs:N0} ms paused in all. Its ingest code alone (hand-over from the consumer, parsing, COPY encoding) allocates {r.IngestCodeBytesPerRow:N0} bytes per row (measured in the benchmark process on the same payloads).")
            .AppendLine()
            .AppendLine("Per interval of the end-to-end run (µs of CPU per row committed in the interval; bytes the server allocated per row):")
            .AppendLine()
            .AppendLine("| seconds | rows/s | server µs | generator µs | PostgreSQL µs | server bytes | gen0 | gen1 | gen2 |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 1; i < r.Series.Count; i++)
        {
            var (from, to) = (r.Series[i - 1], r.Series[i]);
            var (interval, committed) = (to.Seconds - from.Seconds, to.Rows - from.Rows);
            var (used, collected) = (to.Cpu - from.Cpu, to.Gc - from.Gc);
            var perRow = Math.Max(1, committed);
            builder.AppendLine(c, $"| {from.Seconds:N1}-{to.Seconds:N1} | {committed / interval:N0} | {used.Server / perRow * 1e6:N1} | {used.LoadGenerator / perRow * 1e6:N1} | {used.Postgres / perRow * 1e6:N1} | {collected.AllocatedBytes / (double)perRow:N0} | {collected.Gen0} | {collected.Gen1} | {collected.Gen2} |");
        }

        return builder
            .AppendLine()
            .AppendLine("| query | points | buckets | median ms | p95 ms | target |")
            .AppendLine("|---|---:|---:|---:|---:|---|")
            .AppendLine(c, $"| one tag-day at 1 Hz, aggregated (min, max, avg, first, last, count) | 86,400 | {r.Buckets:N0} | {r.MedianMs:N1} | {r.P95Ms:N1} | < 100 ms |")
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
            .AppendLine("  and a load generator publishing QoS 1 UNS JSON values, one value per message as agents do,")
            .AppendLine("  pipelined, from several connections; every row a distinct value and timestamp. By default its")
            .AppendLine("  connections send PUBLISH packets encoded before the clock starts, the bytes our MQTT client would")
            .AppendLine("  send (topic aliases included), within the broker's Receive Maximum, checking every PUBACK")
            .AppendLine("  (`--generator client` publishes through our MQTT client instead). It runs from the first publish")
            .AppendLine("  until the server's own counter of committed values (`proxus_telemetry_stored_total` at `/metrics`,")
            .AppendLine("  polled every 50 ms) reaches the number of rows; then `SELECT COUNT(*)` checks the table holds")
            .AppendLine("  them all. Before it, warm-up rounds of the same traffic on earlier days run until the tiered JIT")
            .AppendLine("  is quiet, at most six, each followed on the same counter (so its HTTP path is compiled before the")
            .AppendLine("  clock starts); their rows are deleted, the table vacuumed and a checkpoint taken, as before the")
            .AppendLine("  raw COPY.")
            .AppendLine("- **Raw COPY**: the same rows, exported from `telemetry` after the ingest, loaded back into the same")
            .AppendLine("  emptied table (same daily partitions, primary key and indexes) by `psql \\copy` (text format), timed")
            .AppendLine("  around the psql process.")
            .AppendLine("- **CPU**: `/proc` user + system time of the server process, of this process (the load generator;")
            .AppendLine("  the sampling itself left out) and of PostgreSQL's postmaster and backends, at the start and end of")
            .AppendLine("  the end-to-end run and about once a second in between; for the raw COPY, PostgreSQL's and psql's.")
            .AppendLine("- **Allocations**: the server's `GC.GetTotalAllocatedBytes` and collection counts, written ten times")
            .AppendLine("  a second by a startup hook the benchmark loads into the server (`DOTNET_STARTUP_HOOKS`, no product")
            .AppendLine("  code); and `GC.GetAllocatedBytesForCurrentThread` around the server's ingest code (hand-over,")
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
