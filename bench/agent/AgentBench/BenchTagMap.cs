using System.Globalization;
using System.Text;

namespace Proxus.Bench.Agent;

/// <summary>
/// The benchmark's tag map (YAML, as an OT engineer would upload it): half of the bulk tags on a
/// Modbus simulator (holding registers, UInt16), half on an S7 simulator (DB1 words, Int16), all
/// at 1 s and published on every poll (<c>report_by_exception: false</c>: the heaviest case for
/// 10,000 tags at 1 s, 10,000 UNS messages per second); and one clock tag at 100 ms on its own
/// Modbus simulator for the latency.
/// </summary>
public static class BenchTagMap
{
    public const string Enterprise = "Acme";
    public const string SiteName = "Bench";
    public const string AgentName = "edge-bench";
    public const string ClockPath = "Acme/Bench/Hall/Line3/Clock_Plc/Clock_ms";
    public const string ClockAddress = "HR0";

    /// <summary>The bulk tags' share on the Modbus simulator; the rest go to the S7 simulator.</summary>
    public static int ModbusTags(int tags) => tags / 2;

    public static string Yaml(int tags, int modbusPort, int s7Port, int clockPort, int clockPollMs)
    {
        var c = CultureInfo.InvariantCulture;
        var modbusTags = ModbusTags(tags);
        var yaml = new StringBuilder()
            .AppendLine("site:")
            .AppendLine(c, $"  enterprise: {Enterprise}")
            .AppendLine(c, $"  name: {SiteName}")
            .AppendLine("connections:");
        Connection(yaml, "modbus-bulk", "ModbusTcp", modbusPort, "normal", 1000, "    unit_id: 1");
        Connection(yaml, "s7-bulk", "S7", s7Port, "normal", 1000, "    rack: 0\n    slot: 1");
        Connection(yaml, "clock-plc", "ModbusTcp", clockPort, "fast", clockPollMs, "    unit_id: 1");
        yaml.AppendLine("tags:");
        for (var i = 0; i < modbusTags; i++)
        {
            Tag(yaml, $"Acme/Bench/Hall/Line1/Modbus_Plc/R{i:D5}", "modbus-bulk", $"HR{i}", "UInt16", "normal", reportByException: false);
        }

        for (var i = 0; i < tags - modbusTags; i++)
        {
            Tag(yaml, $"Acme/Bench/Hall/Line2/S7_Plc/W{i:D5}", "s7-bulk", $"DB1.DBW{2 * i}", "Int16", "normal", reportByException: false);
        }

        Tag(yaml, ClockPath, "clock-plc", ClockAddress, "UInt64", "fast", reportByException: true);
        return yaml.ToString();
    }

    /// <summary>The S7 simulator's data block size for the bulk tags.</summary>
    public static int S7DataBlockBytes(int tags) => Math.Max(2, 2 * (tags - ModbusTags(tags)));

    private static void Connection(StringBuilder yaml, string id, string protocol, int port, string group, int intervalMs, string extra)
    {
        var c = CultureInfo.InvariantCulture;
        yaml.AppendLine(c, $"  - id: {id}")
            .AppendLine(c, $"    protocol: {protocol}")
            .AppendLine(c, $"    agent: {AgentName}")
            .AppendLine("    host: 127.0.0.1")
            .AppendLine(c, $"    port: {port}")
            .AppendLine(extra)
            .AppendLine("    poll_groups:")
            .AppendLine(c, $"      - name: {group}")
            .AppendLine(c, $"        interval_ms: {intervalMs}");
    }

    private static void Tag(StringBuilder yaml, string path, string connection, string address, string type, string group, bool reportByException)
    {
        var c = CultureInfo.InvariantCulture;
        yaml.AppendLine(c, $"  - path: {path}")
            .AppendLine(c, $"    connection: {connection}")
            .AppendLine(c, $"    address: {address}")
            .AppendLine(c, $"    data_type: {type}")
            .AppendLine(c, $"    poll_group: {group}");
        if (!reportByException)
        {
            yaml.AppendLine("    report_by_exception: false");
        }
    }
}
