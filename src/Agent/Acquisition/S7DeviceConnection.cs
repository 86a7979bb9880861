using Proxus.Core.Model;
using Proxus.Drivers.S7;

namespace Proxus.Agent.Acquisition;

/// <summary>A Siemens S7 CPU; groups read through the driver's PDU-size planner (<see cref="S7Client.ReadManyAsync"/>).</summary>
internal sealed class S7DeviceConnection : IDeviceConnection
{
    private readonly S7Client _client;
    private readonly TimeProvider _time;
    private volatile bool _connected;

    public S7DeviceConnection(Connection connection, TimeSpan requestTimeout, TimeProvider time)
    {
        _time = time;
        _client = new S7Client(ClientOptions(connection, requestTimeout, retries: 1));
    }

    public bool IsConnected => _connected;

    public IPollGroupReader CreateGroup(IReadOnlyList<Tag> tags) => new Group(this, tags);

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    /// <summary>The driver options of a configured S7 connection.</summary>
    internal static S7ClientOptions ClientOptions(Connection connection, TimeSpan requestTimeout, int retries)
    {
        var endpoint = connection.Endpoint as S7Endpoint
            ?? throw new ArgumentException($"Connection {connection.Id} is S7 but its endpoint is {connection.Endpoint.GetType().Name}.", nameof(connection));
        return new S7ClientOptions
        {
            Host = endpoint.Host,
            Port = endpoint.Port,
            Rack = endpoint.Rack,
            Slot = endpoint.Slot,
            ConnectTimeout = requestTimeout,
            RequestTimeout = requestTimeout,
            RetryCount = retries,
        };
    }

    /// <summary>The driver's address of a tag: the data type decides how the location is read.</summary>
    internal static S7Address ToDriverAddress(Tag tag)
    {
        S7DataType? type = tag.DataType switch
        {
            DataType.Bool => S7DataType.Bool,
            DataType.Byte or DataType.SByte => S7DataType.Byte,
            DataType.Int16 => S7DataType.Int,
            DataType.Int32 => S7DataType.DInt,
            DataType.UInt32 => S7DataType.DWord,
            DataType.Float32 => S7DataType.Real,
            DataType.String => S7DataType.String,
            DataType.DateTime => S7DataType.DateAndTime,
            _ => null,
        };
        var address = type is null ? S7Address.Parse(tag.Address) : S7Address.Parse(tag.Address, type);
        return tag.DataType == DataType.UInt16 && address.DataType is not (S7DataType.Timer or S7DataType.Counter)
            ? S7Address.Parse(tag.Address, S7DataType.Word)
            : address;
    }

    private sealed class Group : IPollGroupReader
    {
        private readonly S7DeviceConnection _owner;
        private readonly PollGroupAddresses<S7Address> _addresses;
        private readonly bool[] _signedByte;

        public Group(S7DeviceConnection owner, IReadOnlyList<Tag> tags)
        {
            _owner = owner;
            _addresses = new(tags, ToDriverAddress, exception => exception is S7Exception or FormatException or ArgumentException);
            _signedByte = [.. tags.Select(tag => tag.DataType == DataType.SByte)];
        }

        public async Task<IReadOnlyList<RawReading>> ReadAsync(CancellationToken cancellationToken)
        {
            IReadOnlyList<S7ReadResult> results;
            try
            {
                results = _addresses.Readable.Count == 0 ? [] : await _owner._client.ReadManyAsync(_addresses.Readable, cancellationToken).ConfigureAwait(false);
                _owner._connected = true;
            }
            catch (S7Exception exception)
            {
                _owner._connected = false;
                return _addresses.AllBad(exception.Message, _owner._time.GetUtcNow());
            }

            var now = _owner._time.GetUtcNow();
            return _addresses.Merge(results, now, (result, i) =>
                !result.IsSuccess ? RawReading.Bad(result.Error!.Message, now)
                : _signedByte[i] && result.Value is byte raw ? new RawReading(Core.Normalization.TagValue.FromInt64(unchecked((sbyte)raw)), null, now)
                : new RawReading(DriverValues.ToTagValue(result.Value), null, now));
        }
    }
}
