using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Proxus.Drivers.S7;

/// <summary>
/// Converts between PLC memory bytes (big-endian) and .NET values for each <see cref="S7DataType"/>:
/// BOOL bool, BYTE byte, WORD/TIMER/COUNTER ushort, DWORD uint, INT short, DINT int, REAL float,
/// STRING string (Latin-1), DATE_AND_TIME DateTime.
/// </summary>
public static partial class S7ValueCodec
{
    /// <summary>Decodes the <see cref="S7Address.ByteLength"/> bytes of a value (for BOOL, the bit's byte reduced to 0/1).</summary>
    public static object Decode(S7Address address, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (data.Length < address.ByteLength)
        {
            throw new S7Exception(S7ErrorReason.InvalidValue, $"{address} needs {address.ByteLength} bytes, got {data.Length}.");
        }

        return address.DataType switch
        {
            S7DataType.Bool => data[0] != 0,
            S7DataType.Byte => data[0],
            S7DataType.Word or S7DataType.Timer or S7DataType.Counter => BinaryPrimitives.ReadUInt16BigEndian(data),
            S7DataType.Int => BinaryPrimitives.ReadInt16BigEndian(data),
            S7DataType.DWord => BinaryPrimitives.ReadUInt32BigEndian(data),
            S7DataType.DInt => BinaryPrimitives.ReadInt32BigEndian(data),
            S7DataType.Real => BinaryPrimitives.ReadSingleBigEndian(data),
            S7DataType.String => DecodeString(data[..address.ByteLength], address.StringLength),
            _ => DecodeDateAndTime(data),
        };
    }

    /// <summary>
    /// Encodes a value for the address. Accepts the type's .NET value, any convertible number in range,
    /// or text in invariant culture (what a command line passes).
    /// </summary>
    public static byte[] Encode(S7Address address, object value)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(value);
        var data = new byte[address.ByteLength];
        try
        {
            switch (address.DataType)
            {
                case S7DataType.Bool:
                    data[0] = ToBoolean(value) ? (byte)1 : (byte)0;
                    break;
                case S7DataType.Byte:
                    data[0] = Convert.ToByte(value, CultureInfo.InvariantCulture);
                    break;
                case S7DataType.Word or S7DataType.Timer or S7DataType.Counter:
                    BinaryPrimitives.WriteUInt16BigEndian(data, Convert.ToUInt16(value, CultureInfo.InvariantCulture));
                    break;
                case S7DataType.Int:
                    BinaryPrimitives.WriteInt16BigEndian(data, Convert.ToInt16(value, CultureInfo.InvariantCulture));
                    break;
                case S7DataType.DWord:
                    BinaryPrimitives.WriteUInt32BigEndian(data, Convert.ToUInt32(value, CultureInfo.InvariantCulture));
                    break;
                case S7DataType.DInt:
                    BinaryPrimitives.WriteInt32BigEndian(data, Convert.ToInt32(value, CultureInfo.InvariantCulture));
                    break;
                case S7DataType.Real:
                    BinaryPrimitives.WriteSingleBigEndian(data, Convert.ToSingle(value, CultureInfo.InvariantCulture));
                    break;
                case S7DataType.String:
                    EncodeString(data, address.StringLength, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
                default:
                    EncodeDateAndTime(data, value is DateTime time ? time : DateTime.Parse(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, CultureInfo.InvariantCulture));
                    break;
            }
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
        {
            throw new S7Exception(S7ErrorReason.InvalidValue, $"'{value}' is not a valid {address.DataType} for {address}.", exception);
        }

        return data;
    }

    private static bool ToBoolean(object value) => value switch
    {
        bool flag => flag,
        string text when text.Trim() == "1" => true,
        string text when text.Trim() == "0" => false,
        string text => bool.Parse(text),
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) switch
        {
            0 => false,
            1 => true,
            _ => throw new OverflowException("A BOOL is 0 or 1."),
        },
    };

    /// <summary>S7 STRING: max length, actual length, characters. A device that claims more than fits is clamped.</summary>
    private static string DecodeString(ReadOnlySpan<byte> data, int capacity)
    {
        var actual = Math.Min(Math.Min((int)data[1], (int)data[0]), capacity);
        return Encoding.Latin1.GetString(data.Slice(2, actual));
    }

    private static void EncodeString(Span<byte> data, int capacity, string text)
    {
        if (text.Length > capacity)
        {
            throw new OverflowException($"The text has {text.Length} characters; the STRING holds {capacity}.");
        }

        foreach (var character in text)
        {
            if (character > 0xFF)
            {
                throw new FormatException("S7 STRING holds Latin-1 characters only.");
            }
        }

        data[0] = (byte)capacity;
        data[1] = (byte)text.Length;
        Encoding.Latin1.GetBytes(text, data[2..]);
    }
}
