namespace Proxus.Drivers.Modbus.Data;

/// <summary>
/// Order of the bytes of a multi-register value, named after a 32-bit value whose big-endian bytes are
/// A B C D. Two independent swaps: the order of the registers (word swap) and the order of the two
/// bytes in each register (byte swap). 64-bit values follow the same two swaps over four registers.
/// </summary>
public enum ModbusByteOrder
{
    /// <summary>Big-endian registers, most significant register first (Modbus convention).</summary>
    ABCD,

    /// <summary>Word swap: least significant register first.</summary>
    CDAB,

    /// <summary>Byte swap inside each register, most significant register first.</summary>
    BADC,

    /// <summary>Both swaps: fully little-endian.</summary>
    DCBA,
}
