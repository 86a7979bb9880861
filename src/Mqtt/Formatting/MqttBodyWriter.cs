using System.Buffers.Binary;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <summary>
/// Writes a packet into a span that was sized beforehand by <see cref="MqttSize"/>; the optional
/// property writers write nothing for an absent value, mirroring the size functions.
/// </summary>
internal ref struct MqttBodyWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public MqttBodyWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public void WriteByte(byte value) => _buffer[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    /// <summary>Variable Byte Integer, minimal encoding (section 1.5.5).</summary>
    public void WriteVariableByteInteger(uint value)
    {
        do
        {
            var encoded = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0)
            {
                encoded |= 0x80;
            }

            _buffer[_position++] = encoded;
        }
        while (value != 0);
    }

    /// <summary>UTF-8 Encoded String; its length was validated when the packet was measured.</summary>
    public void WriteString(string value)
    {
        var length = MqttUtf8.Strict.GetBytes(value, _buffer[(_position + 2)..]);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], (ushort)length);
        _position += 2 + length;
    }

    /// <summary>Binary Data: two-byte length and the bytes.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer[_position..]);
        _position += value.Length;
    }

    public void WriteByteProperty(MqttPropertyId id, byte? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteByte(v);
        }
    }

    public void WriteBooleanProperty(MqttPropertyId id, bool? value) =>
        WriteByteProperty(id, value is { } v ? (v ? (byte)1 : (byte)0) : null);

    public void WriteUInt16Property(MqttPropertyId id, ushort? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteUInt16(v);
        }
    }

    public void WriteUInt32Property(MqttPropertyId id, uint? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteUInt32(v);
        }
    }

    public void WriteVariableByteIntegerProperty(MqttPropertyId id, uint? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteVariableByteInteger(v);
        }
    }

    public void WriteStringProperty(MqttPropertyId id, string? value)
    {
        if (value is not null)
        {
            WriteByte((byte)id);
            WriteString(value);
        }
    }

    public void WriteBinaryProperty(MqttPropertyId id, ReadOnlyMemory<byte>? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteBinary(v.Span);
        }
    }

    public void WriteUserProperties(IReadOnlyList<MqttUserProperty> properties)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            WriteByte((byte)MqttPropertyId.UserProperty);
            WriteString(properties[i].Name);
            WriteString(properties[i].Value);
        }
    }
}
