using System.Globalization;
using Proxus.Core.Model;
using Proxus.Core.TagMaps;
using Proxus.Core.Uns;

namespace Proxus.Bench.Config;

/// <summary>A deterministic large site: 1,000 tags per Modbus connection, 10 connections per agent.</summary>
internal static class SyntheticSite
{
    public const int TagsPerConnection = 1_000;
    public const int ConnectionsPerAgent = 10;

    public static readonly Site Site = new("Acme", "SiteA");

    public static List<Connection> Connections(int tags)
    {
        var count = (tags + TagsPerConnection - 1) / TagsPerConnection;
        return [.. Enumerable.Range(0, count).Select(i => new Connection
        {
            Id = Invariant($"plc-{i:D4}"),
            Protocol = Protocol.ModbusTcp,
            Agent = Invariant($"edge-{i / ConnectionsPerAgent:D3}"),
            Endpoint = new ModbusTcpEndpoint(Invariant($"10.{i / 250}.{i % 250}.10")),
            PollGroups = [new PollGroup("fast", TimeSpan.FromMilliseconds(100)), new PollGroup("slow", TimeSpan.FromSeconds(5))],
        })];
    }

    /// <summary>Writes the site's tags as CSV, one row at a time (the map is never held whole).</summary>
    public static void WriteCsv(int tags, string file)
    {
        using var output = new StreamWriter(file);
        var connections = Connections(tags);
        output.Write(string.Join(',', TagFields.All) + "\r\n");
        for (var i = 0; i < tags; i++)
        {
            var tag = CreateTag(i, connections[i / TagsPerConnection].Id);
            var map = new TagMap(Site, connections, [tag]);
            using var row = new StringWriter(CultureInfo.InvariantCulture);
            TagMapCsv.Write(map, row);
            var text = row.ToString();
            output.Write(text.AsSpan(text.IndexOf('\n', StringComparison.Ordinal) + 1));
        }
    }

    private static Tag CreateTag(int i, string connection)
    {
        var local = i % TagsPerConnection;
        var machine = i / 50;
        var path = Invariant($"Acme/SiteA/Area{machine / 200:D2}/Line{machine / 20 % 10}/Machine{machine:D4}/Signal{i % 50:D2}");
        return (i % 4) switch
        {
            0 => new Tag
            {
                Path = UnsPath.Parse(path),
                Connection = connection,
                Address = Invariant($"HR{local * 2}"),
                DataType = DataType.Int16,
                Scaling = new LinearScaling(0, 27648, 0, 150, Clamp: true),
                SourceUnit = "degC",
                Unit = "degF",
                Deadband = new Deadband(DeadbandKind.Percent, 0.5),
                PollGroup = "fast",
            },
            1 => new Tag
            {
                Path = UnsPath.Parse(path),
                Connection = connection,
                Address = Invariant($"HR{local * 2}"),
                DataType = DataType.Float32,
                ByteOrder = ByteOrder.Cdab,
                SourceUnit = "bar",
                Deadband = new Deadband(DeadbandKind.Absolute, 0.05),
                PollGroup = "slow",
                Writable = true,
                WriteMin = 0,
                WriteMax = 250,
                Description = "=setpoint, written through approvals",
            },
            2 => new Tag
            {
                Path = UnsPath.Parse(path),
                Connection = connection,
                Address = Invariant($"HR{local * 2}.3"),
                DataType = DataType.Bool,
                PollInterval = TimeSpan.FromMilliseconds(500),
            },
            _ => new Tag
            {
                Path = UnsPath.Parse(path),
                Connection = connection,
                Address = Invariant($"4{(local * 2) + 1:D5}"),
                DataType = DataType.UInt32,
                Unit = "kWh",
                PollGroup = "slow",
            },
        };
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
