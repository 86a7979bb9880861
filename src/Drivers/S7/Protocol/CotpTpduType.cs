namespace Proxus.Drivers.S7.Protocol;

/// <summary>ISO 8073 (X.224) TPDU codes used by ISO-on-TCP, class 0 (ISO 8073 section 13.1, table 8).</summary>
public enum CotpTpduType : byte
{
    DisconnectRequest = 0x80,
    Error = 0x70,
    ConnectionConfirm = 0xD0,
    ConnectionRequest = 0xE0,
    Data = 0xF0,
}
