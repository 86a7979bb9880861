using System.Text;

namespace Proxus.TestSupport;

/// <summary>
/// The tag map of a site set up for governed writes, shared by the server's write tests and the
/// portal's write journeys: below <see cref="Prefix"/> (<c>Enterprise/Site</c>), a Modbus TCP
/// connection <see cref="Connection"/> of one agent with a writable holding register
/// (<see cref="Speed"/>, UInt16 rpm, 0..1000), a writable critical one (<see cref="Setpoint"/>,
/// Float32, -50..150: two approvals) and a read-only one (<see cref="Counter"/>). A suite adds its
/// own connections and tags as YAML list items.
/// </summary>
public sealed class WritableTagMap(string prefix)
{
    public const string Speed = "Speed";
    public const string Setpoint = "Setpoint";
    public const string Counter = "Counter";

    /// <summary>The id of the Modbus connection the three tags use.</summary>
    public const string Connection = "press-plc";

    /// <summary>The site's UNS prefix, <c>Enterprise/Site</c>.</summary>
    public string Prefix { get; } = prefix.Split('/') is [_, _] ? prefix : throw new ArgumentException("A site's UNS prefix is Enterprise/Site.", nameof(prefix));

    /// <summary>The UNS path of a tag of the press machine.</summary>
    public string Tag(string name) => $"{Prefix}/Press/Line1/Press_Machine/{name}";

    /// <summary>The tag map as YAML.</summary>
    /// <param name="agent">The agent that owns <see cref="Connection"/>.</param>
    /// <param name="modbusPort">The Modbus TCP port on 127.0.0.1 (a simulator, or a closed port when no agent polls).</param>
    /// <param name="moreConnections">Further connections: YAML list items ("- id: ..."), unindented.</param>
    /// <param name="moreTags">Further tags: YAML list items ("- path: ..."), unindented.</param>
    public string ToYaml(string agent, int modbusPort, string? moreConnections = null, string? moreTags = null)
    {
        var levels = Prefix.Split('/');
        var yaml = new StringBuilder($"""
            site:
              enterprise: {levels[0]}
              name: {levels[1]}
            connections:
              - id: {Connection}
                protocol: ModbusTcp
                agent: {agent}
                host: 127.0.0.1
                port: {modbusPort}
                unit_id: 1
                poll_groups:
                  - name: fast
                    interval_ms: 1000

            """);
        AppendItems(yaml, moreConnections);
        yaml.Append($"""
            tags:
              - path: {Tag(Speed)}
                connection: {Connection}
                address: HR10
                data_type: UInt16
                unit: rpm
                poll_group: fast
                writable: true
                write_min: 0
                write_max: 1000
              - path: {Tag(Setpoint)}
                connection: {Connection}
                address: HR20
                data_type: Float32
                poll_group: fast
                writable: true
                write_min: -50
                write_max: 150
                critical: true
              - path: {Tag(Counter)}
                connection: {Connection}
                address: HR30
                data_type: UInt16
                poll_group: fast

            """);
        AppendItems(yaml, moreTags);
        return yaml.ToString();
    }

    /// <summary>Appends list items two spaces in, under the list just written.</summary>
    private static void AppendItems(StringBuilder yaml, string? items)
    {
        foreach (var line in (items ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            yaml.Append("  ").Append(line.TrimEnd('\r')).Append('\n');
        }
    }
}
