using System.Globalization;
using System.Text;
using Proxus.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Proxus.Core.TagMaps;

public static partial class TagMapYaml
{
    /// <summary>Writes the complete tag map (site, connections, tags) as block-style YAML.</summary>
    public static void Write(TagMap map, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(output);
        var emitter = new Emitter(output);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        Text(emitter, SiteKey);
        emitter.Emit(new MappingStart());
        Pair(emitter, EnterpriseKey, map.Site.Enterprise);
        Pair(emitter, NameKey, map.Site.Name);
        emitter.Emit(new MappingEnd());
        Text(emitter, ConnectionsKey);
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
        foreach (var connection in map.Connections)
        {
            WriteConnection(emitter, connection);
        }

        emitter.Emit(new SequenceEnd());
        Text(emitter, TagsKey);
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
        foreach (var tag in map.Tags)
        {
            emitter.Emit(new MappingStart());
            foreach (var field in TagFields.All)
            {
                if (TagRecordFormatter.Format(tag, field) is { } value)
                {
                    Pair(emitter, field, value, TagFields.IsNumeric(field) || field is TagFields.Clamp or TagFields.ReportByException or TagFields.Writable or TagFields.Critical);
                }
            }

            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
    }

    /// <summary>The YAML export as UTF-8 bytes (no BOM).</summary>
    public static byte[] ToUtf8Bytes(TagMap map)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(map, writer);
        return Encoding.UTF8.GetBytes(writer.ToString());
    }

    private static void WriteConnection(Emitter emitter, Connection connection)
    {
        emitter.Emit(new MappingStart());
        Pair(emitter, ConnectionFields.Id, connection.Id);
        Pair(emitter, ConnectionFields.Protocol, connection.Protocol.ToString());
        Pair(emitter, ConnectionFields.Agent, connection.Agent);
        foreach (var (key, value, plain) in EndpointValues(connection.Endpoint))
        {
            if (value is not null)
            {
                Pair(emitter, key, value, plain);
            }
        }

        Text(emitter, ConnectionFields.PollGroups);
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
        foreach (var group in connection.PollGroups)
        {
            emitter.Emit(new MappingStart());
            Pair(emitter, ConnectionFields.PollGroupName, group.Name);
            Pair(emitter, ConnectionFields.PollGroupIntervalMs, Integer((long)group.Interval.TotalMilliseconds), plain: true);
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
    }

    internal static IEnumerable<(string Key, string? Value, bool Plain)> EndpointValues(ConnectionEndpoint endpoint) => endpoint switch
    {
        ModbusTcpEndpoint tcp => [(ConnectionFields.Host, tcp.Host, false), (ConnectionFields.Port, Integer(tcp.Port), true), (ConnectionFields.UnitId, Integer(tcp.UnitId), true)],
        ModbusSerialEndpoint serial =>
        [
            (ConnectionFields.Device, serial.Device, false), (ConnectionFields.BaudRate, Integer(serial.BaudRate), true),
            (ConnectionFields.Parity, serial.Parity.ToString(), false), (ConnectionFields.DataBits, Integer(serial.DataBits), true),
            (ConnectionFields.StopBits, Integer(serial.StopBits), true), (ConnectionFields.UnitId, Integer(serial.UnitId), true),
        ],
        S7Endpoint s7 =>
        [
            (ConnectionFields.Host, s7.Host, false), (ConnectionFields.Port, Integer(s7.Port), true),
            (ConnectionFields.Rack, Integer(s7.Rack), true), (ConnectionFields.Slot, Integer(s7.Slot), true),
        ],
        OpcUaEndpoint ua =>
        [
            (ConnectionFields.Url, ua.Url, false), (ConnectionFields.SecurityMode, ua.Security.Mode.ToString(), false),
            (ConnectionFields.SecurityPolicy, ua.Security.Policy.ToString(), false), (ConnectionFields.UserName, ua.Security.UserName, false),
            (ConnectionFields.PasswordSecret, ua.Security.PasswordSecret, false),
            (ConnectionFields.Acquisition, ua.Acquisition == OpcUaAcquisition.Poll ? null : ua.Acquisition.ToString(), false),
        ],
        _ => throw new ArgumentException($"unsupported endpoint {endpoint.GetType().Name}", nameof(endpoint)),
    };

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Pair(Emitter emitter, string key, string value, bool plain = false)
    {
        Text(emitter, key);
        if (plain)
        {
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, true, false));
        }
        else
        {
            Text(emitter, value);
        }
    }

    /// <summary>A text scalar; the emitter picks plain or quoted, except that null-like text is always quoted.</summary>
    private static void Text(Emitter emitter, string value)
    {
        var nullLike = value is "" or "~" || value.Equals("null", StringComparison.OrdinalIgnoreCase);
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, nullLike ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true));
    }
}
