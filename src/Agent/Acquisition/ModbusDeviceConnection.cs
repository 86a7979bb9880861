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

    private sealed class Group : IPollGroupReader
    {
        private readonly ModbusDeviceConnection _owner;
        private readonly ModbusTag?[] _driverTags;
        private readonly string?[] _invalid;
        private readonly List<ModbusTag> _readable = [];

        public Group(ModbusDeviceConnection owner, IReadOnlyList<Tag> tags)
        {
            _owner = owner;
            _driverTags = new ModbusTag?[tags.Count];
            _invalid = new string?[tags.Count];
            for (var i = 0; i < tags.Count; i++)
            {
                try
                {
                    _driverTags[i] = ToDriverTag(tags[i]);
                    _readable.Add(_driverTags[i]!);
                }
                catch (Exception exception) when (exception is ModbusException or FormatException)
                {
                    _invalid[i] = exception.Message;
                }
            }
        }

        public async Task<IReadOnlyList<RawReading>> ReadAsync(CancellationToken cancellationToken)
        {
            var readings = new RawReading[_driverTags.Length];
            var values = _readable.Count == 0 ? [] : await _owner._client.ReadTagsAsync(_readable, cancellationToken).ConfigureAwait(false);
            var now = _owner._time.GetUtcNow();
            var connected = false;
            for (int i = 0, next = 0; i < readings.Length; i++)
            {
                if (_invalid[i] is { } invalid)
                {
                    readings[i] = RawReading.Bad(invalid, now);
                    continue;
                }

                var value = values[next++];
                connected |= value.IsGood || value.Error!.Reason is ModbusErrorReason.DeviceException or ModbusErrorReason.KnownBadAddress;
                readings[i] = value.IsGood
                    ? new RawReading(DriverValues.ToTagValue(value.Value), null, value.Timestamp)
                    : RawReading.Bad(value.Error!.Message, value.Timestamp);
            }

            _owner._connected = connected || _readable.Count == 0;
            return readings;
        }
    }
}
