namespace Proxus.Drivers.S7.Protocol;

/// <summary>The first parameter byte of a job or its acknowledgement.</summary>
public enum S7Function : byte
{
    ReadVar = 0x04,
    WriteVar = 0x05,
    SetupCommunication = 0xF0,
}
