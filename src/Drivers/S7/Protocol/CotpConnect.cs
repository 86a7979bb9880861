namespace Proxus.Drivers.S7.Protocol;

/// <summary>
/// A class-0 connection request (CR) or confirm (CC) TPDU with the parameters S7 uses: the TPDU size
/// code (0xC0) and the calling (0xC1) and called (0xC2) TSAPs (ISO 8073 section 13.3).
/// </summary>
public sealed record CotpConnect(
    CotpTpduType Type,
    ushort DestinationReference,
    ushort SourceReference,
    ushort CallingTsap,
    ushort CalledTsap,
    byte TpduSizeCode);
