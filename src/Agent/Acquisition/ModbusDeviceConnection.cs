using Proxus.Core.Model;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;
using Proxus.Drivers.Modbus.Serial;

namespace Proxus.Agent.Acquisition;

/// <summary>A Modbus TCP, RTU-over-TCP or RTU serial device; groups read through the driver's planner (<see cref="ModbusClient.ReadTagsAsync"/>).</summary>
internal sealed class ModbusDeviceConnection : IDeviceConnection
{
    private readonly ModbusClient _client;
    private readonly TimeProvider _time;
    private volatile bool _connected;

    public ModbusDeviceConnection(Connection connection, TimeSpan requestTimeout, TimeProvider time)
    {
        _time = time;
        _client = new ModbusClient(ClientOptions(connection, requestTimeout, retries: 1, time));
    }

    public bool IsConnected => _connected;

    public IPollGroupReader CreateGroup(IReadOnlyList<Tag> tags) => new Group(this, tags);

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    /// <summary>The driver options of a configured Modbus connection (TCP, RTU over TCP or serial).</summary>
    internal static ModbusClientOptions ClientOptions(Connection connection, TimeSpan requestTimeout, int retries, TimeProvider time)
    {
        var options = connection.Endpoint switch
        {
            ModbusTcpEndpoint tcp => new ModbusClientOptions
            {
                Transport = connection.Protocol == Protocol.ModbusRtuOverTcp ? ModbusTransportKind.RtuOverTcp : ModbusTransportKind.Tcp,
                Host = tcp.Host,
                Port = tcp.Port,
                UnitId = checked((byte)tcp.UnitId),
            },
            ModbusSerialEndpoint serial => new ModbusClientOptions
            {
                Transport = ModbusTransportKind.RtuSerial,
                SerialPort = serial.Device,
                Serial = new SerialSettings(serial.BaudRate, (Proxus.Drivers.Modbus.Serial.SerialParity)(int)serial.Parity, serial.StopBits, serial.DataBits),
                UnitId = checked((byte)serial.UnitId),
            },
            _ => throw new ArgumentException($"Connection {connection.Id} is {connection.Protocol} but its endpoint is {connection.Endpoint.GetType().Name}.", nameof(connection)),
        };
        return options with { RequestTimeout = requestTimeout, ConnectTimeout = requestTimeout, Retries = retries, TimeProvider = time };
    }

    /// <summary>The driver's view of a tag; the tag map validator has already accepted address and type.</summary>
    internal static ModbusTag ToDriverTag(Tag tag)
    {
        var type = tag.DataType switch
        {
            DataType.Bool => ModbusDataType.Bool,
            DataType.Int16 => ModbusDataType.Int16,
            DataType.UInt16 => ModbusDataType.UInt16,
            DataType.Int32 => ModbusDataType.Int32,
            DataType.UInt32 => ModbusDataType.UInt32,
            DataType.Int64 => ModbusDataType.Int64,
            DataType.UInt64 => ModbusDataType.UInt64,
            DataType.Float32 => ModbusDataType.Float32,
            DataType.Float64 => ModbusDataType.Float64,
            DataType.String => ModbusDataType.String,
            _ => throw new ModbusException(ModbusErrorReason.InvalidValue, $"{tag.Path}: Modbus has no {tag.DataType} values."),
        };
        var order = tag.ByteOrder switch
        {
            ByteOrder.Cdab => ModbusByteOrder.CDAB,
            ByteOrder.Badc => ModbusByteOrder.BADC,
            ByteOrder.Dcba => ModbusByteOrder.DCBA,
            _ => ModbusByteOrder.ABCD,
        };
        var registers = type == ModbusDataType.String ? ((tag.Length ?? 0) + 1) / 2 : 0;
        return new ModbusTag(tag.Path.Value, ModbusAddress.Parse(tag.Address), type, order, registers);
    }

    private sealed class Group(ModbusDeviceConnection owner, IReadOnlyList<Tag> tags) : IPollGroupReader
    {
        private readonly PollGroupAddresses<ModbusTag> _driverTags = new(tags, ToDriverTag, exception => exception is ModbusException or FormatException);

        public async Task<IReadOnlyList<RawReading>> ReadAsync(CancellationToken cancellationToken)
        {
            var values = _driverTags.Readable.Count == 0 ? [] : await owner._client.ReadTagsAsync(_driverTags.Readable, cancellationToken).ConfigureAwait(false);
            // A device that answers, even with an exception or a known bad address, is connected.
            owner._connected = _driverTags.Readable.Count == 0
                || values.Any(value => value.IsGood || value.Error!.Reason is ModbusErrorReason.DeviceException or ModbusErrorReason.KnownBadAddress);
            return _driverTags.Merge(values, owner._time.GetUtcNow(), (value, _) => value.IsGood
                ? new RawReading(DriverValues.ToTagValue(value.Value), null, value.Timestamp)
                : RawReading.Bad(value.Error!.Message, value.Timestamp));
        }
    }
}
