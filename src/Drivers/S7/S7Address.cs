using System.Globalization;

namespace Proxus.Drivers.S7;

/// <summary>
/// A typed location in PLC memory: area, DB number, byte offset (or timer/counter number), bit and
/// data type. Parse one from text with <see cref="Parse(string)"/>; the syntax is in docs/protocols/s7.md.
/// </summary>
public sealed partial record S7Address
{
    /// <summary>Largest byte offset an S7ANY address can carry (24-bit bit address).</summary>
    public const int MaxByteOffset = 0xFF_FFFF >> 3;

    /// <summary>Largest S7 STRING capacity.</summary>
    public const int MaxStringLength = 254;

    public S7Address(S7Area area, int dbNumber, int byteOffset, int bitOffset, S7DataType dataType, int stringLength = 0)
    {
        Area = area;
        DbNumber = area == S7Area.DataBlock ? dbNumber : 0;
        ByteOffset = byteOffset;
        BitOffset = bitOffset;
        DataType = dataType;
        StringLength = stringLength;
        Validate();
    }

    public S7Area Area { get; }

    /// <summary>The DB number for <see cref="S7Area.DataBlock"/>; 0 for other areas.</summary>
    public int DbNumber { get; }

    /// <summary>The byte offset in the area, or the timer/counter number.</summary>
    public int ByteOffset { get; }

    /// <summary>The bit (0..7) for <see cref="S7DataType.Bool"/>; 0 otherwise.</summary>
    public int BitOffset { get; }

    public S7DataType DataType { get; }

    /// <summary>The declared capacity n of a STRING[n]; 0 for other types.</summary>
    public int StringLength { get; }

    /// <summary>Bytes the value occupies in PLC memory (a timer or counter occupies one 2-byte word).</summary>
    public int ByteLength => SizeOf(DataType, StringLength);

    /// <summary>Bytes a value of the type occupies (a STRING[n] occupies n + 2).</summary>
    public static int SizeOf(S7DataType dataType, int stringLength = 0) => dataType switch
    {
        S7DataType.Bool or S7DataType.Byte => 1,
        S7DataType.Word or S7DataType.Int or S7DataType.Timer or S7DataType.Counter => 2,
        S7DataType.DWord or S7DataType.DInt or S7DataType.Real => 4,
        S7DataType.DateAndTime => 8,
        S7DataType.String => stringLength + 2,
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, null),
    };

    public override string ToString()
    {
        var culture = CultureInfo.InvariantCulture;
        if (DataType is S7DataType.Timer or S7DataType.Counter)
        {
            return string.Create(culture, $"{(DataType == S7DataType.Timer ? 'T' : 'C')}{ByteOffset}");
        }

        var prefix = Area switch
        {
            S7Area.DataBlock => string.Create(culture, $"DB{DbNumber}.DB"),
            S7Area.Flags => "M",
            S7Area.Inputs => "I",
            _ => "Q",
        };
        return DataType switch
        {
            S7DataType.Bool => string.Create(culture, $"{(Area == S7Area.DataBlock ? prefix + "X" : prefix)}{ByteOffset}.{BitOffset}"),
            S7DataType.String => string.Create(culture, $"DB{DbNumber}.STRING{ByteOffset}.{StringLength}"),
            S7DataType.DateAndTime => string.Create(culture, $"DB{DbNumber}.DT{ByteOffset}"),
            _ => string.Create(culture, $"{prefix}{WidthLetter(ByteLength)}{ByteOffset}{TypeSuffix(DataType)}"),
        };
    }

    private static char WidthLetter(int byteLength) => byteLength switch
    {
        1 => 'B',
        2 => 'W',
        _ => 'D',
    };

    private static string TypeSuffix(S7DataType dataType) => dataType switch
    {
        S7DataType.Int => ":INT",
        S7DataType.DInt => ":DINT",
        S7DataType.Real => ":REAL",
        _ => string.Empty,
    };

    private void Validate()
    {
        if (!Enum.IsDefined(Area) || !Enum.IsDefined(DataType))
        {
            throw Invalid("unknown area or data type");
        }

        var isTimerOrCounter = Area is S7Area.Timers or S7Area.Counters;
        if (isTimerOrCounter != (DataType is S7DataType.Timer or S7DataType.Counter)
            || (Area == S7Area.Timers && DataType != S7DataType.Timer)
            || (Area == S7Area.Counters && DataType != S7DataType.Counter))
        {
            throw Invalid("timers and counters are addressed only as T and C");
        }

        if (Area == S7Area.DataBlock && DbNumber is < 1 or > ushort.MaxValue)
        {
            throw Invalid("DB numbers range from 1 to 65535");
        }

        if (ByteOffset < 0 || ByteOffset > (isTimerOrCounter ? ushort.MaxValue : MaxByteOffset))
        {
            throw Invalid("the offset is out of range");
        }

        if (BitOffset is < 0 or > 7 || (BitOffset != 0 && DataType != S7DataType.Bool))
        {
            throw Invalid("bit offsets range from 0 to 7 and apply only to BOOL");
        }

        if ((DataType == S7DataType.String) != (StringLength != 0) || StringLength is < 0 or > MaxStringLength)
        {
            throw Invalid("STRING needs a length from 1 to 254");
        }

        if (DataType is S7DataType.String or S7DataType.DateAndTime && Area != S7Area.DataBlock)
        {
            throw Invalid("STRING and DT are addressed in data blocks");
        }
    }

    private S7Exception Invalid(string why) => new(S7ErrorReason.InvalidAddress, $"Invalid S7 address ({Area} DB{DbNumber} offset {ByteOffset}.{BitOffset} {DataType}): {why}.");
}
