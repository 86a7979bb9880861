namespace Proxus.Drivers.S7.Protocol;

/// <summary>
/// The S7 PDU header: protocol id 0x32, ROSCTR, redundancy id, PDU reference, parameter and data
/// lengths; acknowledgements (ROSCTR 2 and 3) add an error class and code.
/// </summary>
public readonly record struct S7Header(
    S7PduType PduType,
    ushort Reference,
    ushort ParameterLength,
    ushort DataLength,
    byte ErrorClass = 0,
    byte ErrorCode = 0)
{
    public const byte ProtocolId = 0x32;

    public const int JobLength = 10;

    public const int AckLength = 12;

    public static bool HasErrorFields(S7PduType type) => type is S7PduType.Ack or S7PduType.AckData;
}
