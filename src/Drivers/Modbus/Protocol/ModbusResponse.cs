using System.Buffers.Binary;

namespace Proxus.Drivers.Modbus.Protocol;

/// <summary>Checks a response PDU against the request it answers (§6, §7) and returns its data.</summary>
public static class ModbusResponse
{
    /// <summary>
    /// Throws a <see cref="ModbusException"/> for an exception response, a function code that is not
    /// the request's, or length and echo fields that contradict the request; otherwise returns the
    /// data bytes (for reads: the bits or registers; for writes: empty; for 43/14: the whole PDU).
    /// </summary>
    public static ReadOnlySpan<byte> Validate(ModbusRequest request, ReadOnlySpan<byte> pdu)
    {
        if (pdu.IsEmpty)
        {
            throw new ModbusException(ModbusErrorReason.InvalidLength, "Empty response PDU.");
        }

        var functionCode = (byte)request.FunctionCode;
        if (pdu[0] == (functionCode | 0x80))
        {
            if (pdu.Length != 2)
            {
                throw new ModbusException(ModbusErrorReason.InvalidLength, $"Exception response of {pdu.Length} bytes instead of 2.");
            }

            throw new ModbusException((ModbusExceptionCode)pdu[1], request.FunctionCode);
        }

        if (pdu[0] != functionCode)
        {
            throw new ModbusException(ModbusErrorReason.FunctionCodeMismatch, $"Reply function code 0x{pdu[0]:X2} does not answer 0x{functionCode:X2}.");
        }

        switch (request.FunctionCode)
        {
            case ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs:
                return CountedData(pdu, (request.Quantity + 7) / 8);
            case ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters or ModbusFunctionCode.ReadWriteMultipleRegisters:
                return CountedData(pdu, 2 * request.Quantity);
            case ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister:
                ExpectLength(pdu, 5);
                if (!pdu.SequenceEqual(request.Pdu.Span))
                {
                    throw new ModbusException(ModbusErrorReason.MalformedFrame, "The write reply does not echo the request.");
                }

                return [];
            case ModbusFunctionCode.WriteMultipleCoils or ModbusFunctionCode.WriteMultipleRegisters:
                ExpectLength(pdu, 5);
                if (BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]) != request.Address || BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]) != request.Quantity)
                {
                    throw new ModbusException(ModbusErrorReason.MalformedFrame, "The write reply does not echo the address and quantity written.");
                }

                return [];
            default:
                return pdu;
        }
    }

    /// <summary>Decodes big-endian registers.</summary>
    public static ushort[] ReadRegisters(ReadOnlySpan<byte> data)
    {
        var registers = new ushort[data.Length / 2];
        for (var i = 0; i < registers.Length; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(2 * i)..]);
        }

        return registers;
    }

    private static ReadOnlySpan<byte> CountedData(ReadOnlySpan<byte> pdu, int expectedBytes)
    {
        if (pdu.Length < 2 || pdu[1] != expectedBytes)
        {
            throw new ModbusException(ModbusErrorReason.InvalidLength, $"Byte count {(pdu.Length < 2 ? "missing" : pdu[1].ToString(System.Globalization.CultureInfo.InvariantCulture))} does not match the {expectedBytes} bytes requested.");
        }

        ExpectLength(pdu, 2 + expectedBytes);
        return pdu[2..];
    }

    private static void ExpectLength(ReadOnlySpan<byte> pdu, int length)
    {
        if (pdu.Length != length)
        {
            throw new ModbusException(ModbusErrorReason.InvalidLength, $"Reply PDU of {pdu.Length} bytes where {length} were expected.");
        }
    }
}
