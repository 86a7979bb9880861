using System.Buffers.Binary;

namespace Proxus.Mqtt.Formatting;

/// <summary>
/// Reads the fields of one packet body (everything after the fixed header) from contiguous memory.
/// Every read is checked against what remains of the body, so a remaining length that is shorter
/// than the fields it announces is a Malformed Packet and nothing is allocated on a lie.
/// </summary>
internal ref struct MqttBodyReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public MqttBodyReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Remaining => _buffer.Length - _position;

    public readonly bool IsAtEnd => _position == _buffer.Length;

    public byte ReadByte()
    {
        if (_position >= _buffer.Length)
        {
            MqttThrow.Truncated();
        }

        return _buffer[_position++];
    }

    public ushort ReadUInt16()
    {
        var value = BinaryPrimitives.ReadUInt16BigEndian(Take(2));
        return value;
    }

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    /// <summary>
    /// Variable Byte Integer (MQTT 5.0 section 1.5.5): at most four bytes. Non-minimal encodings are
    /// accepted, as the decoding algorithm of the specification does.
    /// </summary>
    public uint ReadVariableByteInteger()
    {
        uint value = 0;
        for (var i = 0; i < 4; i++)
        {
            var encoded = ReadByte();
            value |= (uint)(encoded & 0x7F) << (7 * i);
            if ((encoded & 0x80) == 0)
            {
                return value;
            }
        }

        MqttThrow.Malformed("A Variable Byte Integer is longer than four bytes.");
        return 0;
    }

    /// <summary>The next <paramref name="length"/> bytes, without copying (valid only while the body is).</summary>
    public ReadOnlySpan<byte> ReadSpan(int length) => Take(length);

    /// <summary>A two-byte length followed by that many bytes (the shape of strings and binary data).</summary>
    public ReadOnlySpan<byte> ReadLengthPrefixed() => Take(ReadUInt16());

    /// <summary>UTF-8 Encoded String (section 1.5.4).</summary>
    public string ReadString() => MqttUtf8.Decode(ReadLengthPrefixed());

    /// <summary>Binary Data (section 1.5.6), copied out of the receive buffer.</summary>
    public byte[] ReadBinary() => ReadLengthPrefixed().ToArray();

    /// <summary>The rest of the body, copied out of the receive buffer.</summary>
    public byte[] ReadToEnd()
    {
        var rest = Take(Remaining);
        if (rest.IsEmpty)
        {
            return [];
        }

        // Every byte is overwritten at once: the array need not be cleared first.
        var copy = GC.AllocateUninitializedArray<byte>(rest.Length);
        rest.CopyTo(copy);
        return copy;
    }

    /// <summary>A reader over the next <paramref name="length"/> bytes; this reader moves past them.</summary>
    public MqttBodyReader ReadSubReader(uint length)
    {
        if (length > (uint)Remaining)
        {
            MqttThrow.Truncated();
        }

        return new MqttBodyReader(Take((int)length));
    }

    public readonly void EnsureAtEnd(string packetName)
    {
        if (!IsAtEnd)
        {
            MqttThrow.Malformed($"{packetName} has {Remaining} byte(s) beyond its last field (remaining length too long).");
        }
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _buffer.Length - _position)
        {
            MqttThrow.Truncated();
        }

        var slice = _buffer.Slice(_position, length);
        _position += length;
        return slice;
    }
}
