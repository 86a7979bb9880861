namespace Proxus.Drivers.OpcUa.Transport;

/// <summary>
/// The three ASCII bytes that open every UA TCP message (Part 6 section 7.1.2.2, Table 50), read as
/// a little-endian 24-bit value.
/// </summary>
internal enum MessageType : uint
{
    Hello = 'H' | ('E' << 8) | ('L' << 16),
    Acknowledge = 'A' | ('C' << 8) | ('K' << 16),
    Error = 'E' | ('R' << 8) | ('R' << 16),
    ReverseHello = 'R' | ('H' << 8) | ('E' << 16),
    OpenSecureChannel = 'O' | ('P' << 8) | ('N' << 16),
    Message = 'M' | ('S' << 8) | ('G' << 16),
    CloseSecureChannel = 'C' | ('L' << 8) | ('O' << 16),
}
