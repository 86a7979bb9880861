namespace Proxus.Drivers.Modbus;

/// <summary>The single error type of the Modbus driver: a reason, and the device's exception code when it sent one.</summary>
public sealed class ModbusException : Exception
{
    public ModbusException(ModbusErrorReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public ModbusException(ModbusExceptionCode exceptionCode, ModbusFunctionCode functionCode)
        : base($"The device answered {functionCode} with exception {(byte)exceptionCode:X2} ({exceptionCode}).")
    {
        Reason = ModbusErrorReason.DeviceException;
        ExceptionCode = exceptionCode;
    }

    public ModbusErrorReason Reason { get; }

    /// <summary>The device's exception code when <see cref="Reason"/> is <see cref="ModbusErrorReason.DeviceException"/>; otherwise <see cref="ModbusExceptionCode.None"/>.</summary>
    public ModbusExceptionCode ExceptionCode { get; }

    /// <summary>
    /// True when the connection can no longer be trusted to be in step with the device (timeouts,
    /// mismatched or malformed replies): the client discards it and reconnects.
    /// </summary>
    public bool BreaksConnection => Reason is not (ModbusErrorReason.DeviceException or ModbusErrorReason.InvalidAddress
        or ModbusErrorReason.InvalidValue or ModbusErrorReason.NotWritable or ModbusErrorReason.KnownBadAddress);
}
