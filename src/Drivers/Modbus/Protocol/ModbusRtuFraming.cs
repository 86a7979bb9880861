namespace Proxus.Drivers.Modbus.Protocol;

/// <summary>
/// RTU frame delimiting (Modbus over Serial Line v1.02 §2.5.1). RTU has no length field, so the
/// length of a frame follows from its function code and byte count; these functions return false
/// while too few bytes are buffered to tell, and throw a <see cref="ModbusException"/> when the
/// frame cannot be a valid one.
/// </summary>
public static class ModbusRtuFraming
{
    /// <summary>Address byte plus CRC.</summary>
    public const int Overhead = 3;

    /// <summary>The length of a response frame that starts with the buffered bytes.</summary>
    public static bool TryGetResponseLength(ReadOnlySpan<byte> buffered, out int frameLength)
    {
        frameLength = 0;
        if (buffered.Length < 2)
        {
            return false;
        }

        var functionCode = buffered[1];
        if ((functionCode & 0x80) != 0)
        {
            frameLength = 5;
            return true;
        }

        switch ((ModbusFunctionCode)functionCode)
        {
            case ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs or ModbusFunctionCode.ReadHoldingRegisters
                or ModbusFunctionCode.ReadInputRegisters or ModbusFunctionCode.ReadWriteMultipleRegisters:
                if (buffered.Length < 3)
                {
                    return false;
                }

                frameLength = 3 + buffered[2] + 2;
                return CheckLength(frameLength);
            case ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister
                or ModbusFunctionCode.WriteMultipleCoils or ModbusFunctionCode.WriteMultipleRegisters:
                frameLength = 8;
                return true;
            case ModbusFunctionCode.EncapsulatedInterface:
                return TryGetDeviceIdentificationLength(buffered, out frameLength);
            default:
                throw new ModbusException(ModbusErrorReason.MalformedFrame, $"RTU reply with unsupported function code 0x{functionCode:X2}.");
        }
    }

    /// <summary>
    /// The length of a request frame (used by servers). Returns true with <paramref name="frameLength"/>
    /// 0 for a function code whose layout is unknown: such a frame ends at the next inter-frame silence.
    /// </summary>
    public static bool TryGetRequestLength(ReadOnlySpan<byte> buffered, out int frameLength)
    {
        frameLength = 0;
        if (buffered.Length < 2)
        {
            return false;
        }

        switch ((ModbusFunctionCode)buffered[1])
        {
            case ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs or ModbusFunctionCode.ReadHoldingRegisters
                or ModbusFunctionCode.ReadInputRegisters or ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister:
                frameLength = 8;
                return true;
            case ModbusFunctionCode.WriteMultipleCoils or ModbusFunctionCode.WriteMultipleRegisters:
                if (buffered.Length < 7)
                {
                    return false;
                }

                frameLength = 7 + buffered[6] + 2;
                return CheckLength(frameLength);
            case ModbusFunctionCode.ReadWriteMultipleRegisters:
                if (buffered.Length < 11)
                {
                    return false;
                }

                frameLength = 11 + buffered[10] + 2;
                return CheckLength(frameLength);
            case ModbusFunctionCode.EncapsulatedInterface:
                frameLength = 7;
                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// The silent interval t3.5 that separates frames: 3.5 character times of 11 bits, and a fixed
    /// 1.75 ms above 19200 baud (§2.5.1.1).
    /// </summary>
    public static TimeSpan InterFrameDelay(int baudRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        return baudRate > 19200 ? TimeSpan.FromMicroseconds(1750) : TimeSpan.FromMicroseconds(3.5 * 11 * 1_000_000 / baudRate);
    }

    /// <summary>Writes address, PDU and CRC; returns the frame length.</summary>
    public static int WriteFrame(byte unitId, ReadOnlySpan<byte> pdu, Span<byte> destination)
    {
        destination[0] = unitId;
        pdu.CopyTo(destination[1..]);
        var length = 1 + pdu.Length;
        ModbusCrc16.Write(destination[..length], destination[length..]);
        return length + 2;
    }

    private static bool TryGetDeviceIdentificationLength(ReadOnlySpan<byte> buffered, out int frameLength)
    {
        // address, 0x2B, MEI type, read code, conformity, more follows, next object id, object count, objects, CRC.
        frameLength = 0;
        if (buffered.Length < 3)
        {
            return false;
        }

        if (buffered[2] != ModbusDeviceIdentification.MeiType)
        {
            throw new ModbusException(ModbusErrorReason.MalformedFrame, $"MEI type 0x{buffered[2]:X2} is not Read Device Identification.");
        }

        if (buffered.Length < 8)
        {
            return false;
        }

        var position = 8;
        for (var i = 0; i < buffered[7]; i++)
        {
            if (buffered.Length < position + 2)
            {
                return false;
            }

            position += 2 + buffered[position + 1];
            if (position + 2 > ModbusLimits.MaxRtuFrameLength)
            {
                throw new ModbusException(ModbusErrorReason.FrameTooLarge, "Device identification objects exceed the RTU frame size.");
            }
        }

        frameLength = position + 2;
        return true;
    }

    private static bool CheckLength(int frameLength) => frameLength <= ModbusLimits.MaxRtuFrameLength
        ? true
        : throw new ModbusException(ModbusErrorReason.FrameTooLarge, $"RTU frame of {frameLength} bytes exceeds {ModbusLimits.MaxRtuFrameLength}.");
}
