using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Proxus.Drivers.OpcUa.Binary;

/// <summary>
/// Reads the OPC UA Binary encoding (Part 6 section 5.2) from a complete, reassembled message. Every
/// truncation and every length beyond <see cref="UaEncodingLimits"/> throws an
/// <see cref="OpcUaException"/> (BadDecodingError / BadEncodingLimitsExceeded) before allocating.
/// </summary>
internal ref partial struct UaBinaryReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly UaEncodingLimits _limits;
    private int _position;
    private int _depth;

    public UaBinaryReader(ReadOnlySpan<byte> buffer, UaEncodingLimits limits)
    {
        _buffer = buffer;
        _limits = limits;
    }

    public UaBinaryReader(ReadOnlySpan<byte> buffer)
        : this(buffer, UaEncodingLimits.Default)
    {
    }

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    public bool ReadBoolean() => ReadByte() != 0;

    public sbyte ReadSByte() => (sbyte)ReadByte();

    public byte ReadByte()
    {
        if (_position >= _buffer.Length)
        {
            ThrowTruncated();
        }

        return _buffer[_position++];
    }

    public short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public StatusCode ReadStatusCode() => new(ReadUInt32());

    public Guid ReadGuid() => new(Take(16));

    public DateTime ReadDateTime() => UaDateTime.FromTicks(ReadInt64());

    /// <summary>A String: Int32 length (-1 = null) and UTF-8 bytes.</summary>
    public string? ReadString()
    {
        var length = ReadInt32();
        if (length < 0)
        {
            return null;
        }

        if (length > _limits.MaxStringLength)
        {
            ThrowLimit("String", length, _limits.MaxStringLength);
        }

        var bytes = Take(length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new OpcUaException(StatusCode.BadDecodingError, "A String is not valid UTF-8.", ex);
        }
    }

    /// <summary>A ByteString: Int32 length (-1 = null) and the bytes.</summary>
    public byte[]? ReadByteString()
    {
        var length = ReadInt32();
        if (length < 0)
        {
            return null;
        }

        if (length > _limits.MaxByteStringLength)
        {
            ThrowLimit("ByteString", length, _limits.MaxByteStringLength);
        }

        return Take(length).ToArray();
    }

    /// <summary>Skips a ByteString and returns its bytes as a view into the message (no copy).</summary>
    public ReadOnlySpan<byte> ReadByteStringSpan()
    {
        var length = ReadInt32();
        if (length <= 0)
        {
            return default;
        }

        if (length > _limits.MaxByteStringLength)
        {
            ThrowLimit("ByteString", length, _limits.MaxByteStringLength);
        }

        return Take(length);
    }

    /// <summary>
    /// The Int32 length prefix of an array; -1 for a null array. Each element takes at least one byte,
    /// so a length beyond the bytes left is rejected before the array is allocated.
    /// </summary>
    public int ReadArrayLength()
    {
        var length = ReadInt32();
        if (length < 0)
        {
            return -1;
        }

        if (length > _limits.MaxArrayLength)
        {
            ThrowLimit("Array", length, _limits.MaxArrayLength);
        }

        if (length > Remaining)
        {
            ThrowTruncated();
        }

        return length;
    }

    /// <summary>Reads an array of structures with the element reader; null arrays come back empty.</summary>
    public T[] ReadArray<T>(ElementReader<T> read)
    {
        var length = ReadArrayLength();
        if (length <= 0)
        {
            return [];
        }

        var items = new T[length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read(ref this);
        }

        return items;
    }

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    internal void EnterNested()
    {
        if (++_depth > _limits.MaxNestingDepth)
        {
            throw new OpcUaException(StatusCode.BadEncodingLimitsExceeded, $"Values are nested deeper than {_limits.MaxNestingDepth} levels.");
        }
    }

    internal void LeaveNested() => _depth--;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)Remaining)
        {
            ThrowTruncated();
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    private readonly void ThrowTruncated()
        => throw new OpcUaException(StatusCode.BadDecodingError, $"The message ends early (at byte {_position} of {_buffer.Length}).");

    private static void ThrowLimit(string what, int length, int limit)
        => throw new OpcUaException(StatusCode.BadEncodingLimitsExceeded, $"{what} length {length} exceeds the limit of {limit}.");
}
