using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Proxus.Drivers.Modbus.Data;

/// <summary>Converts between registers and typed values in any of the four byte orders.</summary>
public static class ModbusValueCodec
{
    /// <summary>Decodes a register-table tag from exactly <see cref="ModbusTag.Length"/> registers.</summary>
    public static object Decode(ModbusTag tag, ReadOnlySpan<ushort> registers)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (registers.Length != tag.Length)
        {
            throw new ArgumentException($"{tag.Name} spans {tag.Length} registers, {registers.Length} given.", nameof(registers));
        }

        if (tag.Address.Bit is { } bit)
        {
            return (registers[0] & (1 << bit)) != 0;
        }

        Span<byte> bytes = stackalloc byte[2 * registers.Length];
        ToBigEndian(registers, tag.DataType, tag.ByteOrder, bytes);
        return tag.DataType switch
        {
            ModbusDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(bytes),
            ModbusDataType.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            ModbusDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(bytes),
            ModbusDataType.UInt32 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            ModbusDataType.Int64 => BinaryPrimitives.ReadInt64BigEndian(bytes),
            ModbusDataType.UInt64 => BinaryPrimitives.ReadUInt64BigEndian(bytes),
            ModbusDataType.Float32 => BinaryPrimitives.ReadSingleBigEndian(bytes),
            ModbusDataType.Float64 => BinaryPrimitives.ReadDoubleBigEndian(bytes),
            ModbusDataType.String => DecodeString(bytes),
            _ => throw new ModbusException(ModbusErrorReason.InvalidValue, $"{tag.DataType} is not a register type."),
        };
    }

    /// <summary>
    /// Encodes a value for a register-table tag. Numbers are converted with range checks (a value that
    /// does not fit the type is a <see cref="ModbusErrorReason.InvalidValue"/> error, never truncated).
    /// </summary>
    public static ushort[] Encode(ModbusTag tag, object value)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> bytes = stackalloc byte[2 * tag.Length];
        try
        {
            switch (tag.DataType)
            {
                case ModbusDataType.Int16: BinaryPrimitives.WriteInt16BigEndian(bytes, Convert.ToInt16(value, CultureInfo.InvariantCulture)); break;
                case ModbusDataType.UInt16: BinaryPrimitives.WriteUInt16BigEndian(bytes, Convert.ToUInt16(value, CultureInfo.InvariantCulture)); break;
                case ModbusDataType.Int32: BinaryPrimitives.WriteInt32BigEndian(bytes, Convert.ToInt32(value, CultureInfo.InvariantCulture)); break;
                case ModbusDataType.UInt32: BinaryPrimitives.WriteUInt32BigEndian(bytes, Convert.ToUInt32(value, CultureInfo.InvariantCulture)); break;
                case ModbusDataType.Int64: BinaryPrimitives.WriteInt64BigEndian(bytes, Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
                case ModbusDataType.UInt64: BinaryPrimitives.WriteUInt64BigEndian(bytes, Convert.ToUInt64(value, CultureInfo.InvariantCulture)); break;
                case ModbusDataType.Float32: BinaryPrimitives.WriteSingleBigEndian(bytes, Convert.ToSingle(value, CultureInfo.InvariantCulture)); break;
                case ModbusDataType.Float64: BinaryPrimitives.WriteDoubleBigEndian(bytes, Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
                case ModbusDataType.String: EncodeString(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, bytes); break;
                default: throw new ModbusException(ModbusErrorReason.NotWritable, $"{tag.Name}: {tag.DataType} at {tag.Address} is not written as registers.");
            }
        }
        catch (Exception ex) when (ex is OverflowException or FormatException or InvalidCastException)
        {
            throw new ModbusException(ModbusErrorReason.InvalidValue, $"{tag.Name}: '{value}' is not a valid {tag.DataType}.", ex);
        }

        var registers = new ushort[tag.Length];
        FromBigEndian(bytes, tag.DataType, tag.ByteOrder, registers);
        return registers;
    }

    /// <summary>Converts a value to a coil state (booleans, 0/1 numbers, "true"/"false").</summary>
    public static bool ToBoolean(ModbusTag tag, object value)
    {
        ArgumentNullException.ThrowIfNull(tag);
        try
        {
            return value switch
            {
                bool b => b,
                string s => bool.Parse(s),
                _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture) switch
                {
                    0m => false,
                    1m => true,
                    _ => throw new FormatException("Only 0 and 1 convert to a coil state."),
                },
            };
        }
        catch (Exception ex) when (ex is OverflowException or FormatException or InvalidCastException)
        {
            throw new ModbusException(ModbusErrorReason.InvalidValue, $"{tag.Name}: '{value}' is not a Bool.", ex);
        }
    }

    private static void ToBigEndian(ReadOnlySpan<ushort> registers, ModbusDataType type, ModbusByteOrder order, Span<byte> bytes)
    {
        var swapWords = type != ModbusDataType.String && order is ModbusByteOrder.CDAB or ModbusByteOrder.DCBA;
        var swapBytes = order is ModbusByteOrder.BADC or ModbusByteOrder.DCBA;
        for (var i = 0; i < registers.Length; i++)
        {
            var register = registers[swapWords ? registers.Length - 1 - i : i];
            BinaryPrimitives.WriteUInt16BigEndian(bytes[(2 * i)..], swapBytes ? BinaryPrimitives.ReverseEndianness(register) : register);
        }
    }

    private static void FromBigEndian(ReadOnlySpan<byte> bytes, ModbusDataType type, ModbusByteOrder order, Span<ushort> registers)
    {
        var swapWords = type != ModbusDataType.String && order is ModbusByteOrder.CDAB or ModbusByteOrder.DCBA;
        var swapBytes = order is ModbusByteOrder.BADC or ModbusByteOrder.DCBA;
        for (var i = 0; i < registers.Length; i++)
        {
            var register = BinaryPrimitives.ReadUInt16BigEndian(bytes[(2 * i)..]);
            registers[swapWords ? registers.Length - 1 - i : i] = swapBytes ? BinaryPrimitives.ReverseEndianness(register) : register;
        }
    }

    private static string DecodeString(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        var text = end >= 0 ? bytes[..end] : bytes;
        return Encoding.ASCII.GetString(text);
    }

    private static void EncodeString(string text, Span<byte> bytes)
    {
        if (text.Length > bytes.Length || !Ascii.IsValid(text) || text.Contains('\0', StringComparison.Ordinal))
        {
            throw new FormatException($"The string must be at most {bytes.Length} ASCII characters without NUL.");
        }

        bytes.Clear();
        Encoding.ASCII.GetBytes(text, bytes);
    }
}
