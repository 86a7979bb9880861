using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Serial;

namespace Proxus.Agent.Commissioning;

/// <summary>A Modbus device: TCP, RTU over a TCP serial gateway, or RTU on a local serial port.</summary>
public sealed record ModbusEndpoint : DeviceEndpoint
{
    public const int DefaultPort = 502;

    public required ModbusTransportKind Transport { get; init; }

    /// <summary>Host name or address (TCP transports); empty for a serial port.</summary>
    public string Host { get; init; } = string.Empty;

    public int Port { get; init; } = DefaultPort;

    /// <summary>The serial device path (RTU on a serial port), e.g. <c>/dev/ttyUSB0</c>.</summary>
    public string SerialPort { get; init; } = string.Empty;

    public SerialSettings Serial { get; init; } = new();

    public byte UnitId { get; init; } = 1;

    public override string Scheme => Transport switch
    {
        ModbusTransportKind.Tcp => DeviceEndpointParser.ModbusTcpScheme,
        ModbusTransportKind.RtuOverTcp => DeviceEndpointParser.ModbusRtuOverTcpScheme,
        _ => DeviceEndpointParser.ModbusRtuScheme,
    };

    /// <summary>
    /// Client options for this endpoint; <paramref name="timeout"/> bounds the connect and each
    /// request, <paramref name="retries"/> is how often a timed-out request is retried.
    /// </summary>
    public ModbusClientOptions ToClientOptions(TimeSpan timeout, int retries)
    {
        var options = new ModbusClientOptions
        {
            Transport = Transport,
            UnitId = UnitId,
            ConnectTimeout = timeout,
            RequestTimeout = timeout,
            Retries = retries,
        };
        return Transport == ModbusTransportKind.RtuSerial
            ? options with { SerialPort = SerialPort, Serial = Serial }
            : options with { Host = Host, Port = Port };
    }
}
