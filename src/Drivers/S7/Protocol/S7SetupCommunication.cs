namespace Proxus.Drivers.S7.Protocol;

/// <summary>Setup Communication parameters: parallel jobs each side may run and the PDU size.</summary>
public sealed record S7SetupCommunication(ushort MaxAmqCalling, ushort MaxAmqCalled, ushort PduLength)
{
    /// <summary>Function, reserved, then three 16-bit values.</summary>
    public const int ParameterLength = 8;
}
