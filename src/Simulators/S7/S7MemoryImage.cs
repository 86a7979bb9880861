using Proxus.Drivers.S7;
using Proxus.Drivers.S7.Protocol;

namespace Proxus.Simulators.S7;

/// <summary>
/// The simulated PLC memory: data blocks of configured sizes, flag, input and output bytes, and
/// 2-byte timer and counter words. All access goes through one lock so values never tear.
/// </summary>
public sealed class S7MemoryImage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, byte[]> _dataBlocks;
    private readonly byte[] _flags;
    private readonly byte[] _inputs;
    private readonly byte[] _outputs;
    private readonly byte[] _timers;
    private readonly byte[] _counters;

    public S7MemoryImage(IReadOnlyDictionary<int, int> dataBlockSizes, int flagBytes, int inputBytes, int outputBytes, int timers, int counters)
    {
        ArgumentNullException.ThrowIfNull(dataBlockSizes);
        _dataBlocks = dataBlockSizes.ToDictionary(pair => pair.Key, pair => new byte[pair.Value]);
        _flags = new byte[flagBytes];
        _inputs = new byte[inputBytes];
        _outputs = new byte[outputBytes];
        _timers = new byte[timers * 2];
        _counters = new byte[counters * 2];
    }

    /// <summary>Copies bytes out of an area; returns the item return code that a PLC would send.</summary>
    public S7ReturnCode Read(S7Area area, int dbNumber, int start, Span<byte> destination)
    {
        lock (_lock)
        {
            var code = Locate(area, dbNumber, start, destination.Length, out var memory);
            if (code == S7ReturnCode.Success)
            {
                memory.Span.CopyTo(destination);
            }

            return code;
        }
    }

    /// <summary>Copies bytes into an area; returns the item return code that a PLC would send.</summary>
    public S7ReturnCode Write(S7Area area, int dbNumber, int start, ReadOnlySpan<byte> source)
    {
        lock (_lock)
        {
            var code = Locate(area, dbNumber, start, source.Length, out var memory);
            if (code == S7ReturnCode.Success)
            {
                source.CopyTo(memory.Span);
            }

            return code;
        }
    }

    /// <summary>Reads one bit (byte offset and bit 0..7).</summary>
    public S7ReturnCode ReadBit(S7Area area, int dbNumber, int start, int bit, out bool value)
    {
        Span<byte> one = stackalloc byte[1];
        var code = Read(area, dbNumber, start, one);
        value = (one[0] & (1 << bit)) != 0;
        return code;
    }

    /// <summary>Sets or clears one bit without touching its neighbours.</summary>
    public S7ReturnCode WriteBit(S7Area area, int dbNumber, int start, int bit, bool value)
    {
        lock (_lock)
        {
            var code = Locate(area, dbNumber, start, 1, out var memory);
            if (code == S7ReturnCode.Success)
            {
                var span = memory.Span;
                span[0] = value ? (byte)(span[0] | (1 << bit)) : (byte)(span[0] & ~(1 << bit));
            }

            return code;
        }
    }

    /// <summary>Writes a typed value at an address (used by the moving-value generators and tests).</summary>
    public void WriteValue(S7Address address, object value)
    {
        ArgumentNullException.ThrowIfNull(address);
        var data = S7ValueCodec.Encode(address, value);
        var code = address.DataType == S7DataType.Bool
            ? WriteBit(address.Area, address.DbNumber, address.ByteOffset, address.BitOffset, data[0] != 0)
            : Write(address.Area, address.DbNumber, StartOf(address), data);
        if (code != S7ReturnCode.Success)
        {
            throw new ArgumentException($"{address} is outside the simulated memory ({code}).", nameof(address));
        }
    }

    /// <summary>Byte offset of an address in its area (timers and counters are 2-byte words).</summary>
    public static int StartOf(S7Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Area is S7Area.Timers or S7Area.Counters ? address.ByteOffset * 2 : address.ByteOffset;
    }

    private S7ReturnCode Locate(S7Area area, int dbNumber, int start, int length, out Memory<byte> memory)
    {
        memory = default;
        byte[]? block = area switch
        {
            S7Area.DataBlock => _dataBlocks.GetValueOrDefault(dbNumber),
            S7Area.Flags => _flags,
            S7Area.Inputs => _inputs,
            S7Area.Outputs => _outputs,
            S7Area.Timers => _timers,
            S7Area.Counters => _counters,
            _ => null,
        };
        if (block is null)
        {
            return S7ReturnCode.ObjectDoesNotExist;
        }

        if (start < 0 || length < 0 || (long)start + length > block.Length)
        {
            return S7ReturnCode.AddressOutOfRange;
        }

        memory = block.AsMemory(start, length);
        return S7ReturnCode.Success;
    }
}
