namespace Proxus.Drivers.S7.Protocol;

/// <summary>
/// One S7ANY item of a Read/Write Var request: element type and count, DB number, area and the
/// 24-bit start address (byte offset * 8 + bit, or the timer/counter number).
/// </summary>
public readonly record struct S7ItemAddress(
    S7VariableType VariableType,
    ushort Count,
    ushort DbNumber,
    byte Area,
    int Address)
{
    /// <summary>Specification type 0x12, length 0x0A, syntax id 0x10 (S7ANY), then the 10 bytes above.</summary>
    public const int EncodedLength = 12;

    public const int MaxAddress = 0xFF_FFFF;

    /// <summary>How many data bytes the item addresses (timers and counters are 2 bytes each, a bit is one byte).</summary>
    public int ByteLength => VariableType switch
    {
        S7VariableType.Bit or S7VariableType.Byte or S7VariableType.Char => Count,
        S7VariableType.Word or S7VariableType.Int or S7VariableType.Counter or S7VariableType.Timer => Count * 2,
        _ => Count * 4,
    };
}
