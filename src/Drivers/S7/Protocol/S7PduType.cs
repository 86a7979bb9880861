namespace Proxus.Drivers.S7.Protocol;

/// <summary>The S7 header's ROSCTR (remote operating service control) field.</summary>
public enum S7PduType : byte
{
    Job = 0x01,
    Ack = 0x02,
    AckData = 0x03,
    UserData = 0x07,
}
