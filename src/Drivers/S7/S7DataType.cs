namespace Proxus.Drivers.S7;

/// <summary>The typed views of PLC memory the driver reads and writes, with their .NET value types.</summary>
public enum S7DataType
{
    /// <summary>BOOL, one bit: <see cref="bool"/>.</summary>
    Bool,

    /// <summary>BYTE: <see cref="byte"/>.</summary>
    Byte,

    /// <summary>WORD, 16 bits unsigned: <see cref="ushort"/>.</summary>
    Word,

    /// <summary>DWORD, 32 bits unsigned: <see cref="uint"/>.</summary>
    DWord,

    /// <summary>INT, 16 bits signed: <see cref="short"/>.</summary>
    Int,

    /// <summary>DINT, 32 bits signed: <see cref="int"/>.</summary>
    DInt,

    /// <summary>REAL, IEEE 754 single: <see cref="float"/>.</summary>
    Real,

    /// <summary>S7 STRING[n]: a max-length byte, an actual-length byte, n characters: <see cref="string"/>.</summary>
    String,

    /// <summary>DATE_AND_TIME, 8 BCD bytes: <see cref="DateTime"/>.</summary>
    DateAndTime,

    /// <summary>A timer word, as stored (S5TIME): <see cref="ushort"/>.</summary>
    Timer,

    /// <summary>A counter word, as stored (BCD): <see cref="ushort"/>.</summary>
    Counter,
}
