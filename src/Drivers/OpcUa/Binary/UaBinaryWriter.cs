using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Proxus.Drivers.OpcUa.Binary;

/// <summary>
/// Writes the OPC UA Binary encoding (Part 6 section 5.2) into a growable buffer rented from the shared
/// pool. Reused across messages via <see cref="Reset"/>; returns its buffer on <see cref="Dispose"/>.
/// </summary>
internal sealed partial class UaBinaryWriter : IDisposable
{
    private byte[] _buffer;
    private int _position;

    public UaBinaryWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public int Position => _position;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    public void Reset() => _position = 0;

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteSByte(sbyte value) => WriteByte((byte)value);

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Advance(2), value);

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Advance(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Advance(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Advance(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Advance(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Advance(8), value);

    public void WriteFloat(float value) => BinaryPrimitives.WriteSingleLittleEndian(Advance(4), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Advance(8), value);

    public void WriteStatusCode(StatusCode value) => WriteUInt32(value.Code);

    public void WriteDateTime(DateTime value) => WriteInt64(UaDateTime.ToTicks(value));

    public void WriteGuid(Guid value) => value.TryWriteBytes(Advance(16));

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(length);
        Encoding.UTF8.GetBytes(value, Advance(length));
    }

    public void WriteByteString(ReadOnlySpan<byte> value) => WriteByteString(value, isNull: false);

    public void WriteByteString(byte[]? value) => WriteByteString(value, isNull: value is null);

    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Advance(value.Length));

    /// <summary>Writes an array of structures (-1 for null) with the element writer.</summary>
    public void WriteArray<T>(IReadOnlyCollection<T>? items, Action<UaBinaryWriter, T> write)
    {
        if (items is null)
        {
            WriteInt32(-1);
            return;
        }

        WriteInt32(items.Count);
        foreach (var item in items)
        {
            write(this, item);
        }
    }

    /// <summary>Reserves bytes to be filled later (e.g. a length) and returns their offset.</summary>
    public int Reserve(int count)
    {
        Advance(count);
        return _position - count;
    }

    public Span<byte> GetSpan(int offset, int count) => _buffer.AsSpan(offset, count);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _position = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void WriteByteString(ReadOnlySpan<byte> value, bool isNull)
    {
        if (isNull)
        {
            WriteInt32(-1);
            return;
        }

        WriteInt32(value.Length);
        WriteBytes(value);
    }

    private Span<byte> Advance(int count)
    {
        Ensure(count);
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private void Ensure(int count)
    {
        if (_buffer.Length - _position >= count)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + count));
        _buffer.AsSpan(0, _position).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
