using System.Globalization;
using System.Text;

namespace Proxus.Bench.Mqtt;

/// <summary>Turns results into the markdown of bench/mqtt/README.md.</summary>
public static class ReportWriter
{
    public static string Table(IReadOnlyList<ScenarioResult> results)
    {
        var table = new StringBuilder()
            .AppendLine("| scenario | broker | delivered msg/s | broker CPU µs/msg | p50 ms | p99 ms | published | delivered | lost | duplicated |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Broker} | {r.DeliveredPerSecond:N0} | {r.BrokerCpuMicrosPerMessage:N1} | {r.P50Millis:N2} | {r.P99Millis:N2} | {r.Published:N0} | {r.Delivered:N0} | {r.Lost:N0} | {r.Duplicated:N0} |");
        }

        var pairs = results.GroupBy(r => r.Scenario)
            .Select(g => (Scenario: g.Key, Ours: g.FirstOrDefault(r => r.Broker == ProxusVariant.Deployed), Peer: g.FirstOrDefault(r => r.Broker == "mosquitto")))
            .Where(p => p.Ours is not null && p.Peer is not null)
            .ToList();
        if (pairs.Count > 0)
        {
            table.AppendLine()
                .AppendLine("| scenario | msg/s ours/mosquitto | CPU per msg ours/mosquitto | p99 ours/mosquitto |")
                .AppendLine("|---|---:|---:|---:|");
            foreach (var (scenario, ours, peer) in pairs)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"| {scenario} | {Ratio(ours!.DeliveredPerSecond, peer!.DeliveredPerSecond)} | {Ratio(ours.BrokerCpuMicrosPerMessage, peer.BrokerCpuMicrosPerMessage)} | {Ratio(ours.P99Millis, peer.P99Millis)} |");
            }
        }

        AppendVariants(table, results);
        return table.ToString();
    }

    /// <summary>
    /// The generated part of the README followed by what the existing one holds from its first
    /// level-2 heading on (notes and readings written by hand, which a rerun must not erase).
    /// </summary>
    public static string Readme(string? existing, string table, string command, TimeSpan duration, TimeSpan warmUp, bool withOurBroker)
    {
        var machine = $"{CpuModel()}, {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}";
        return new StringBuilder()
            .AppendLine("# MQTT broker benchmark: Proxus vs. mosquitto")
            .AppendLine()
            .AppendLine("One load generator (`bench/mqtt/LoadGen`, built on our MQTT client) drives both brokers the same way, in the same run,")
            .AppendLine("over loopback: MQTT 5.0, 64-byte payloads unless stated, QoS 1 publishers keep a window of unacknowledged messages.")
            .AppendLine("Delivered msg/s counts what subscribers received between the first publish and the last delivery; broker CPU is the")
            .AppendLine("broker process's utime+stime delta from `/proc/<pid>/stat` divided by delivered messages; latency is measured from a")
            .AppendLine("timestamp in the payload (same host, monotonic clock; the first second is warm-up); lost and duplicated come from")
            .AppendLine("per-publisher sequence numbers. Flat-out scenarios measure throughput: their latency is mostly queueing behind the")
            .AppendLine("publishers' windows. The latency-10k scenarios publish a fixed 10,000 msg/s at QoS 1 and measure latency.")
            .AppendLine("fan-in-qos0 publishes without any flow control, far faster than one subscriber can take: its \"lost\" column is")
            .AppendLine("at-most-once doing its job (dropped under overload, or still queued when the 30 s drain ended), not a defect.")
            .AppendLine("mosquitto runs with `max_queued_messages 0`, `max_queued_bytes 0`, `max_inflight_messages 0` so it drops nothing;")
            .AppendLine("our server runs its Release build with in-memory sessions, metrics collected and its own MQTT consumers connected,")
            .AppendLine("the UNS ingest consumer on `enterprise/#`: the bench's `bench/...` topics are not tag values (other configurations:")
            .AppendLine("`--brokers`, see `ProxusVariant`). Over mutual TLS each broker trusts only its own CA: mosquitto the bench's, our")
            .AppendLine("server its internal one, whose certificates it maps to identities with ACLs: there the publishers are agents enrolled")
            .AppendLine("on a site with the UNS namespace `bench/pair` and the subscribers a machine client with `uns.read`, as in production.")
            .AppendLine("The load generator shares the CPUs with the broker, so")
            .AppendLine("absolute figures are bounded by the machine; compare the ratios. Each broker is measured only once it has finished")
            .AppendLine("starting (two seconds below 5 % of a core), and each scenario first runs once unmeasured for the warm-up period, after")
            .AppendLine("which the broker again goes idle: a .NET server JIT-compiles and recompiles (tiering) its hot paths in its first")
            .AppendLine("seconds under load, a one-off cost that is not the cost of a message. mosquitto goes through the same steps.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine}")
            .AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}` ({duration.TotalSeconds:N0} s per scenario after {warmUp.TotalSeconds:N0} s of warm-up)")
            .AppendLine(CultureInfo.InvariantCulture, $"- Load average (1, 5, 15 min) when the table was written: {LoadAverage()}")
            .AppendLine(withOurBroker ? string.Empty : "- Our broker was not available to this run: mosquitto only.")
            .AppendLine()
            .Append(table)
            .Append(KeptNotes(existing))
            .ToString();
    }

    /// <summary>Our deployed server against each other configuration of it measured in the same run.</summary>
    private static void AppendVariants(StringBuilder table, IReadOnlyList<ScenarioResult> results)
    {
        var rows = results.GroupBy(r => r.Scenario)
            .SelectMany(g => g.Where(r => r.Broker != ProxusVariant.Deployed && ProxusVariant.Find(r.Broker) is not null)
                .Select(variant => (Scenario: g.Key, Deployed: g.FirstOrDefault(r => r.Broker == ProxusVariant.Deployed), Variant: variant)))
            .Where(row => row.Deployed is not null)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        table.AppendLine()
            .AppendLine("| scenario | compared with | msg/s proxus/it | CPU per msg proxus/it | p99 proxus/it |")
            .AppendLine("|---|---|---:|---:|---:|");
        foreach (var (scenario, deployed, variant) in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {scenario} | {variant.Broker}: {ProxusVariant.Find(variant.Broker)!.Description} | {Ratio(deployed!.DeliveredPerSecond, variant.DeliveredPerSecond)} | {Ratio(deployed.BrokerCpuMicrosPerMessage, variant.BrokerCpuMicrosPerMessage)} | {Ratio(deployed.P99Millis, variant.P99Millis)} |");
        }
    }

    private static string KeptNotes(string? existing)
    {
        if (existing is null)
        {
            return string.Empty;
        }

        var start = existing.IndexOf("\n## ", StringComparison.Ordinal);
        return start < 0 ? string.Empty : Environment.NewLine + existing[(start + 1)..];
    }

    private static string Ratio(double ours, double peer) => peer == 0 || double.IsNaN(peer) || double.IsNaN(ours)
        ? "n/a"
        : (ours / peer).ToString("N2", CultureInfo.InvariantCulture);

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string CpuModel()
    {
        const string Key = "model name";
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal)) : null;
        return line is null ? "unknown CPU" : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
