using System.Globalization;
using System.Text;

namespace Proxus.Bench.Ingest;

/// <summary>The markdown of bench/ingest/README.md.</summary>
public static class Report
{
    public static string Table(IngestResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var r = result.MedianRound;
        var (cpu, gc, rows) = (r.Cpu, r.Gc, r.Rows);
        var cpuTotal = cpu.Server + cpu.LoadGenerator + cpu.Postgres;
        var generator = result.Generator == "raw" ? "pre-encoded packets" : "our MQTT client";
        var count = result.Rounds.Count;
        var builder = new StringBuilder()
            .AppendLine(c, $"Medians of {count} round{(count == 1 ? string.Empty : "s")}, each an end-to-end run followed by a raw COPY of the rows it stored:")
            .AppendLine()
            .AppendLine("| measurement | rows | rows/s | target |")
            .AppendLine("|---|---:|---:|---|")
            .AppendLine(c, $"| MQTT QoS 1 -> our broker -> UNS consumer -> PostgreSQL (end to end) | {rows:N0} | {result.MedianIngestRate:N0} | >= 100,000 rows/s |")
            .AppendLine(c, $"| raw `COPY` by psql, same rows, same table and indexes | {rows:N0} | {result.MedianCopyRate:N0} | |")
            .AppendLine(c, $"| **ratio ours / raw COPY** (the median of the rounds' ratios) | | **{r.Ratio:P0}** | >= 60 % |")
            .AppendLine()
            .AppendLine("| round | end to end s | end to end rows/s | raw COPY s | raw COPY rows/s | ratio | server µs/row | PostgreSQL µs/row (end to end) | PostgreSQL µs/row (raw COPY) | server GC paused ms | load average |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var round in result.Rounds)
        {
            builder.AppendLine(c, $"| {round.Number} | {round.IngestSeconds:N2} | {round.IngestRate:N0} | {round.CopySeconds:N2} | {round.CopyRate:N0} | {round.Ratio:P0} | {round.Cpu.Server / round.Rows * 1e6:N1} | {round.Cpu.Postgres / round.Rows * 1e6:N1} | {round.CopyPostgresCpu / round.Rows * 1e6:N1} | {round.Gc.PauseMs:N0} | {round.Load} |");
        }

        builder
            .AppendLine()
            .AppendLine(c, $"Round {r.Number}, the median one, in detail. The load generator ({result.Publishers} connections, {generator}) finished publishing (every PUBACK received) after {r.PublishSeconds:N2} s.")
            .AppendLine()
            .AppendLine("CPU used (user + system, all threads; 2 cores give at most 2 s per second):")
            .AppendLine()
            .AppendLine("| process | CPU s | CPU s per second of run | µs CPU per row |")
            .AppendLine("|---|---:|---:|---:|")
            .AppendLine(c, $"| server (broker, UNS consumer, parsing, COPY client) | {cpu.Server:N1} | {cpu.Server / r.IngestSeconds:N2} | {cpu.Server / rows * 1e6:N1} |")
            .AppendLine(c, $"| load generator ({result.Publishers} MQTT publishers, {generator}) | {cpu.LoadGenerator:N1} | {cpu.LoadGenerator / r.IngestSeconds:N2} | {cpu.LoadGenerator / rows * 1e6:N1} |")
            .AppendLine(c, $"| PostgreSQL (all backends) | {cpu.Postgres:N1} | {cpu.Postgres / r.IngestSeconds:N2} | {cpu.Postgres / rows * 1e6:N1} |")
            .AppendLine(c, $"| **end to end, all three** | {cpuTotal:N1} | {cpuTotal / r.IngestSeconds:N2} | {cpuTotal / rows * 1e6:N1} |")
            .AppendLine(c, $"| raw COPY: PostgreSQL (all backends) | {r.CopyPostgresCpu:N1} | {r.CopyPostgresCpu / r.CopySeconds:N2} | {r.CopyPostgresCpu / rows * 1e6:N1} |")
            .AppendLine(c, $"| raw COPY: psql | {r.CopyPsqlCpu:N1} | {r.CopyPsqlCpu / r.CopySeconds:N2} | {r.CopyPsqlCpu / rows * 1e6:N1} |")
            .AppendLine()
            .AppendLine(c, $"The server process allocated {gc.AllocatedBytes / (double)rows:N0} bytes per row during the run (all of it: broker, consumer, ingest; `GC.GetTotalAllocatedBytes`), with {gc.Gen0:N0} gen0, {gc.Gen1:N0} gen1 and {gc.Gen2:N0} gen2 collections and {gc.PauseMs:N0} ms paused in all. Its ingest code alone (hand-over from the consumer, parsing, COPY encoding) allocates {result.IngestCodeBytesPerRow:N0} bytes per row (measured in the benchmark process on the same payloads).")
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
            .AppendLine(c, $"| one tag-day at 1 Hz, aggregated (min, max, avg, first, last, count) | 86,400 | {result.Buckets:N0} | {result.MedianMs:N1} | {result.P95Ms:N1} | < 100 ms |")
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
            .AppendLine("  them all. Before the first round, warm-up rounds of the same traffic on earlier days run until the")
            .AppendLine("  tiered JIT is quiet, at most ten, each followed on the same counter (so its HTTP path is compiled")
            .AppendLine("  before the clock starts). Each measured run starts on an empty table (`TRUNCATE`) after a")
            .AppendLine("  checkpoint, as the raw COPY does.")
            .AppendLine("- **Raw COPY**: the same rows, exported from `telemetry` after the round's ingest, loaded back into")
            .AppendLine("  the same emptied table (same daily partitions, primary key and indexes) by `psql \\copy` (text")
            .AppendLine("  format), timed around the psql process; the server stays up, idle, meanwhile.")
            .AppendLine("- **Rounds** (`--rounds`, default 3): each round is one end-to-end run and, right after it, one raw")
            .AppendLine("  COPY, so that both sides of the round's ratio meet the shared machine in the same state; the")
            .AppendLine("  headline gives the median of the rates and of the rounds' ratios, and the median round in detail.")
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
