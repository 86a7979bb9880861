using System.Globalization;
using System.Text;

namespace Proxus.Bench.Ingest;

/// <summary>The markdown of bench/ingest/README.md.</summary>
public static class Report
{
    public static string Table(long rows, double ingestRate, double ingestSeconds, double publishSeconds, double copyRate, double copySeconds, double medianMs, double p95Ms, int buckets)
    {
        var c = CultureInfo.InvariantCulture;
        return new StringBuilder()
            .AppendLine("| measurement | rows | seconds | rows/s | target |")
            .AppendLine("|---|---:|---:|---:|---|")
            .AppendLine(c, $"| MQTT QoS 1 -> our broker -> UNS consumer -> PostgreSQL (end to end) | {rows:N0} | {ingestSeconds:N2} | {ingestRate:N0} | >= 100,000 rows/s |")
            .AppendLine(c, $"| raw `COPY` by psql, same rows, same table and indexes | {rows:N0} | {copySeconds:N2} | {copyRate:N0} | |")
            .AppendLine(c, $"| **ratio ours / raw COPY** | | | **{ingestRate / copyRate:P0}** | >= 60 % |")
            .AppendLine()
            .AppendLine(c, $"The load generator finished publishing (every PUBACK received) after {publishSeconds:N2} s.")
            .AppendLine()
            .AppendLine("| query | points | buckets | median ms | p95 ms | target |")
            .AppendLine("|---|---:|---:|---:|---:|---|")
            .AppendLine(c, $"| one tag-day at 1 Hz, aggregated (min, max, avg, first, last, count) | 86,400 | {buckets:N0} | {medianMs:N1} | {p95Ms:N1} | < 100 ms |")
            .ToString();
    }

    public static string Readme(string table, string command, IReadOnlyDictionary<string, string> tuning)
    {
        var settings = tuning.Count == 0 ? "defaults" : string.Join(", ", tuning.Select(t => $"`{t.Key}={t.Value}`"));
        return new StringBuilder()
            .AppendLine("# bench/ingest — telemetry ingest from MQTT into PostgreSQL")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run with `{command}`; server settings: {settings}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} logical CPUs shared with the other processes of the run (PostgreSQL, the server, the load generator), {Environment.OSVersion}, .NET {Environment.Version}; load average at the end of the run: {LoadAverage()}.")
            .AppendLine()
            .AppendLine(table)
            .AppendLine("## What is measured")
            .AppendLine("- **End to end**: a throw-away PostgreSQL 15 (fsync off, as in the tests), our server (Release) with its")
            .AppendLine("  embedded broker and its own UNS consumer (shared subscription, manual acknowledgement after commit),")
            .AppendLine("  and a load generator (our MQTT client) publishing QoS 1 UNS JSON values, pipelined, from several")
            .AppendLine("  connections. The clock runs from the first publish until `SELECT COUNT(*)` sees every row committed.")
            .AppendLine("- **Raw COPY**: the same rows, exported from `telemetry` after the ingest, loaded back into the same")
            .AppendLine("  emptied table (same daily partitions, primary key and indexes) by `psql \\copy` (text format), timed")
            .AppendLine("  around the psql process.")
            .AppendLine("- **Query**: 86,400 values of one tag on one day, aggregated by the server's own history query")
            .AppendLine("  (`date_bin` buckets of 86.4 s: 1,000 buckets), 3 warm-up runs then 15 timed runs.")
            .AppendLine()
            .AppendLine("## Tuning")
            .AppendLine("With acknowledgement after commit, one consumer can have at most its in-flight window of messages")
            .AppendLine("(the smaller of `MqttConsumer:ReceiveMaximum` and the broker's `Mqtt:Broker:MaximumInFlightMessages`,")
            .AppendLine("100 by default) waiting for a batch, so throughput is bounded by window / `Telemetry:BatchDelay`:")
            .AppendLine("with the defaults about 500 rows/s. Give the window room for several batches (e.g. 20,000).")
            .ToString();
    }

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
