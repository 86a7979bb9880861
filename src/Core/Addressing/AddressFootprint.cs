namespace Proxus.Core.Addressing;

/// <summary>
/// The part of a device's address space a tag occupies, to find tags that overlap: units
/// [<see cref="Start"/>, <see cref="End"/>) of one <see cref="Space"/> (a Modbus table, an S7 data
/// block or area, an OPC UA node), or a single <see cref="Bit"/> of the unit at <see cref="Start"/>.
/// </summary>
public readonly record struct AddressFootprint(string Space, long Start, long End, int Bit = AddressFootprint.WholeUnits)
{
    /// <summary>The <see cref="Bit"/> value of a footprint made of whole units.</summary>
    public const int WholeUnits = -1;

    public bool IsBit => Bit != WholeUnits;

    /// <summary>
    /// Two footprints of one space overlap when their unit ranges intersect (both whole units) or
    /// when they name the same bit. A bit inside a word read as a whole is not an overlap: reading a
    /// status word and its bits is a common, intended layout.
    /// </summary>
    public bool Overlaps(AddressFootprint other)
    {
        if (!string.Equals(Space, other.Space, StringComparison.Ordinal))
        {
            return false;
        }

        if (IsBit || other.IsBit)
        {
            return IsBit && other.IsBit && Start == other.Start && Bit == other.Bit;
        }

        return Start < other.End && other.Start < End;
    }
}
