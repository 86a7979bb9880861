namespace Proxus.Drivers.OpcUa;

/// <summary>
/// An OPC UA StatusCode (Part 4 section 7.39, Part 6 section 5.2.2.11): the top two bits give the
/// severity (00 good, 01 uncertain, 10 bad), bits 16..27 the sub-code; the low bits carry info flags.
/// </summary>
public readonly partial record struct StatusCode(uint Code)
{
    private const uint SeverityMask = 0xC0000000;
    private const uint CodeMask = 0xFFFF0000;

    public bool IsGood => (Code & SeverityMask) == 0;

    public bool IsUncertain => (Code & SeverityMask) == 0x40000000;

    public bool IsBad => (Code & 0x80000000) != 0;

    /// <summary>True when both codes name the same condition, ignoring the info bits.</summary>
    public bool Is(StatusCode other) => (Code & CodeMask) == (other.Code & CodeMask);

    /// <summary>The symbolic name, e.g. <c>BadNodeIdUnknown</c>, or the hex value for codes not listed here.</summary>
    public string Name => LookupName(Code & CodeMask) ?? $"0x{Code:X8}";

    public override string ToString() => (Code & ~CodeMask) == 0 ? Name : $"{Name} (0x{Code:X8})";
}
