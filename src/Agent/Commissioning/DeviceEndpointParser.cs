using System.Globalization;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Serial;

namespace Proxus.Agent.Commissioning;

/// <summary>
/// Parses device endpoint URLs:
/// <c>modbus-tcp://host[:port][?unit=N]</c>, <c>modbus-rtu-tcp://host[:port][?unit=N]</c>,
/// <c>modbus-rtu:///dev/ttyUSB0[?unit=N&amp;baud=19200&amp;parity=E&amp;stop=1&amp;data=8]</c> and
/// <c>s7://host[:port][?rack=R&amp;slot=S]</c> and
/// <c>opc.tcp://host[:port][/path][?security=Basic256Sha256&amp;mode=Sign&amp;user=NAME]</c>.
/// Every error names the part that is wrong.
/// </summary>
public static partial class DeviceEndpointParser
{
    public const string ModbusTcpScheme = "modbus-tcp";
    public const string ModbusRtuOverTcpScheme = "modbus-rtu-tcp";
    public const string ModbusRtuScheme = "modbus-rtu";
    public const string S7Scheme = "s7";
    public const string OpcUaScheme = "opc.tcp";

    /// <summary>URLs longer than this are refused before they are parsed.</summary>
    public const int MaxLength = 2048;

    /// <summary>The schemes <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Schemes { get; } = [ModbusTcpScheme, ModbusRtuOverTcpScheme, ModbusRtuScheme, S7Scheme, OpcUaScheme];

    /// <summary>Parses an endpoint URL or throws <see cref="EndpointFormatException"/> saying what is wrong.</summary>
    public static DeviceEndpoint Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > MaxLength)
        {
            throw new EndpointFormatException($"The endpoint URL is longer than {MaxLength} characters.");
        }

        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new EndpointFormatException($"'{url}' is not an endpoint URL (expected SCHEME://..., one of {string.Join(", ", Schemes)}).");
        }

        var scheme = url[..separator].ToLowerInvariant();
        var rest = url[(separator + 3)..];
        var questionMark = rest.IndexOf('?', StringComparison.Ordinal);
        var location = questionMark < 0 ? rest : rest[..questionMark];
        var query = ParseQuery(questionMark < 0 ? string.Empty : rest[(questionMark + 1)..]);
        return scheme switch
        {
            ModbusTcpScheme => ParseModbusNetwork(ModbusTransportKind.Tcp, location, query),
            ModbusRtuOverTcpScheme => ParseModbusNetwork(ModbusTransportKind.RtuOverTcp, location, query),
            ModbusRtuScheme => ParseModbusSerial(location, query),
            S7Scheme => ParseS7(location, query),
            OpcUaScheme => ParseOpcUa(location, query),
            _ => throw new EndpointFormatException($"Unknown scheme '{scheme}' (supported: {string.Join(", ", Schemes)})."),
        };
    }

    private static ModbusEndpoint ParseModbusNetwork(ModbusTransportKind transport, string location, QueryParameters query)
    {
        query.RejectUnknown(transport == ModbusTransportKind.Tcp ? ModbusTcpScheme : ModbusRtuOverTcpScheme, "unit");
        var (host, port) = ParseHostAndPort(location, ModbusEndpoint.DefaultPort);
        return new ModbusEndpoint
        {
            Transport = transport,
            Host = host,
            Port = port,
            UnitId = (byte)query.GetInt32("unit", 1, 0, transport == ModbusTransportKind.Tcp ? 255 : 247),
        };
    }

    private static ModbusEndpoint ParseModbusSerial(string location, QueryParameters query)
    {
        query.RejectUnknown(ModbusRtuScheme, "unit", "baud", "parity", "stop", "data");
        if (!location.StartsWith('/') || location.Length == 1)
        {
            throw new EndpointFormatException($"{ModbusRtuScheme} needs a device path and no host, e.g. {ModbusRtuScheme}:///dev/ttyUSB0.");
        }

        var serial = new SerialSettings(
            query.GetInt32("baud", 19200, 1, int.MaxValue),
            ParseParity(query.GetString("parity") ?? "E"),
            query.GetInt32("stop", 1, 1, 2),
            query.GetInt32("data", 8, 7, 8));
        try
        {
            serial.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new EndpointFormatException(exception.Message, exception);
        }

        return new ModbusEndpoint
        {
            Transport = ModbusTransportKind.RtuSerial,
            SerialPort = location,
            Serial = serial,
            UnitId = (byte)query.GetInt32("unit", 1, 1, 247),
        };
    }

    private static S7Endpoint ParseS7(string location, QueryParameters query)
    {
        query.RejectUnknown(S7Scheme, "rack", "slot");
        var (host, port) = ParseHostAndPort(location, S7Endpoint.DefaultPort);
        return new S7Endpoint
        {
            Host = host,
            Port = port,
            Rack = query.GetInt32("rack", 0, 0, 7),
            Slot = query.GetInt32("slot", 2, 0, 31),
        };
    }

    private static SerialParity ParseParity(string text) => text.ToUpperInvariant() switch
    {
        "N" or "NONE" => SerialParity.None,
        "E" or "EVEN" => SerialParity.Even,
        "O" or "ODD" => SerialParity.Odd,
        _ => throw new EndpointFormatException($"parity '{text}' is not N, E or O."),
    };

    private static (string Host, int Port) ParseHostAndPort(string location, int defaultPort)
    {
        var authority = location.EndsWith('/') ? location[..^1] : location;
        if (authority.Contains('/', StringComparison.Ordinal))
        {
            throw new EndpointFormatException($"'{location}' has a path; this scheme takes only HOST[:PORT].");
        }

        string host;
        string? portText = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new EndpointFormatException($"'{authority}' opens an IPv6 address with '[' but does not close it.");
            }

            host = authority[1..close];
            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                portText = after.StartsWith(':') ? after[1..] : throw new EndpointFormatException($"Unexpected '{after}' after the IPv6 address.");
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? null : authority[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                throw new EndpointFormatException($"'{authority}': write an IPv6 address in brackets, e.g. [::1]:502.");
            }
        }

        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new EndpointFormatException($"'{host}' is not a host name or IP address.");
        }

        return (host, portText is null ? defaultPort : ParsePort(portText));
    }

    private static int ParsePort(string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= ushort.MaxValue
            ? port
            : throw new EndpointFormatException($"Port '{text}' is not a number 1..65535.");
}
