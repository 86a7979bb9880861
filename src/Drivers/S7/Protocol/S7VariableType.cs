namespace Proxus.Drivers.S7.Protocol;

/// <summary>The transport size of an S7ANY item address in a Read/Write Var request (its element type).</summary>
public enum S7VariableType : byte
{
    Bit = 0x01,
    Byte = 0x02,
    Char = 0x03,
    Word = 0x04,
    Int = 0x05,
    DWord = 0x06,
    DInt = 0x07,
    Real = 0x08,
    Counter = 0x1C,
    Timer = 0x1D,
}
