using System.Buffers.Binary;
using System.Text;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Simulators.Modbus;

/// <summary>
/// The server side of the application protocol: turns a request PDU into a reply PDU against the
/// data store (MODBUS Application Protocol v1.1b3 §6), with the exception responses of §7.
/// </summary>
public sealed class ModbusRequestHandler(ModbusDataStore store, ModbusSimulatorOptions options)
{
    public byte[] Handle(ReadOnlySpan<byte> pdu)
    {
        if (pdu.IsEmpty)
        {
            return Exception(0, ModbusExceptionCode.IllegalFunction);
        }

        var functionCode = pdu[0];
        try
        {
            return (ModbusFunctionCode)functionCode switch
            {
                ModbusFunctionCode.ReadCoils => ReadBits(pdu, ModbusArea.Coil),
                ModbusFunctionCode.ReadDiscreteInputs => ReadBits(pdu, ModbusArea.DiscreteInput),
                ModbusFunctionCode.ReadHoldingRegisters => ReadRegisters(pdu, ModbusArea.HoldingRegister),
                ModbusFunctionCode.ReadInputRegisters => ReadRegisters(pdu, ModbusArea.InputRegister),
                ModbusFunctionCode.WriteSingleCoil => WriteSingleCoil(pdu),
                ModbusFunctionCode.WriteSingleRegister => WriteSingleRegister(pdu),
                ModbusFunctionCode.WriteMultipleCoils => WriteMultipleCoils(pdu),
                ModbusFunctionCode.WriteMultipleRegisters => WriteMultipleRegisters(pdu),
                ModbusFunctionCode.ReadWriteMultipleRegisters => ReadWriteMultipleRegisters(pdu),
                ModbusFunctionCode.EncapsulatedInterface => ReadDeviceIdentification(pdu),
                _ => Exception(functionCode, ModbusExceptionCode.IllegalFunction),
            };
        }
        catch (RequestRejectedException rejected)
        {
            return Exception(functionCode, rejected.Code);
        }
    }

    private static byte[] Exception(byte functionCode, ModbusExceptionCode code) => [(byte)(functionCode | 0x80), (byte)code];

    private static ushort Word(ReadOnlySpan<byte> pdu, int offset) => BinaryPrimitives.ReadUInt16BigEndian(pdu[offset..]);

    private static void ExpectLength(ReadOnlySpan<byte> pdu, int length)
    {
        if (pdu.Length != length)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataValue);
        }
    }

    private void CheckRange(ModbusArea area, int start, int count, int maximum)
    {
        if (count < 1 || count > maximum)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataValue);
        }

        if (start + count > 0x10000)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataAddress);
        }

        foreach (var range in options.Faults.Exceptions)
        {
            if (range.Overlaps(area, start, count))
            {
                throw new RequestRejectedException(range.Code);
            }
        }
    }

    private byte[] ReadBits(ReadOnlySpan<byte> pdu, ModbusArea area)
    {
        ExpectLength(pdu, 5);
        int start = Word(pdu, 1), count = Word(pdu, 3);
        CheckRange(area, start, count, ModbusLimits.MaxReadBits);
        var bits = new bool[count];
        store.ReadBits(area, start, bits);
        var reply = new byte[2 + ((count + 7) / 8)];
        reply[0] = pdu[0];
        reply[1] = (byte)(reply.Length - 2);
        ModbusBits.Pack(bits, reply.AsSpan(2));
        return reply;
    }

    private byte[] ReadRegisters(ReadOnlySpan<byte> pdu, ModbusArea area)
    {
        ExpectLength(pdu, 5);
        int start = Word(pdu, 1), count = Word(pdu, 3);
        CheckRange(area, start, count, ModbusLimits.MaxReadRegisters);
        return RegistersReply(pdu[0], area, start, count);
    }

    private byte[] RegistersReply(byte functionCode, ModbusArea area, int start, int count)
    {
        Span<ushort> registers = stackalloc ushort[count];
        store.ReadRegisters(area, start, registers);
        var reply = new byte[2 + (2 * count)];
        reply[0] = functionCode;
        reply[1] = (byte)(2 * count);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2 + (2 * i)), registers[i]);
        }

        return reply;
    }

    private byte[] WriteSingleCoil(ReadOnlySpan<byte> pdu)
    {
        ExpectLength(pdu, 5);
        var value = Word(pdu, 3);
        if (value is not (0x0000 or 0xFF00))
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataValue);
        }

        CheckRange(ModbusArea.Coil, Word(pdu, 1), 1, 1);
        store.WriteBits(ModbusArea.Coil, Word(pdu, 1), [value == 0xFF00]);
        return pdu.ToArray();
    }

    private byte[] WriteSingleRegister(ReadOnlySpan<byte> pdu)
    {
        ExpectLength(pdu, 5);
        CheckRange(ModbusArea.HoldingRegister, Word(pdu, 1), 1, 1);
        store.WriteRegisters(ModbusArea.HoldingRegister, Word(pdu, 1), [Word(pdu, 3)]);
        return pdu.ToArray();
    }

    private byte[] WriteMultipleCoils(ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length < 6)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataValue);
        }

        int start = Word(pdu, 1), count = Word(pdu, 3);
        if (pdu[5] != (count + 7) / 8)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataValue);
        }

        ExpectLength(pdu, 6 + pdu[5]);
        CheckRange(ModbusArea.Coil, start, count, ModbusLimits.MaxWriteBits);
        store.WriteBits(ModbusArea.Coil, start, ModbusBits.Unpack(pdu[6..], count));
        return pdu[..5].ToArray();
    }

    private byte[] WriteMultipleRegisters(ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length < 6)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataValue);
        }

        int start = Word(pdu, 1), count = Word(pdu, 3);
        if (pdu[5] != 2 * count)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataValue);
        }

        ExpectLength(pdu, 6 + pdu[5]);
        CheckRange(ModbusArea.HoldingRegister, start, count, ModbusLimits.MaxWriteRegisters);
        store.WriteRegisters(ModbusArea.HoldingRegister, start, ModbusResponse.ReadRegisters(pdu[6..]));
        return pdu[..5].ToArray();
    }

    private byte[] ReadWriteMultipleRegisters(ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length < 10)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataValue);
        }

        int readStart = Word(pdu, 1), readCount = Word(pdu, 3), writeStart = Word(pdu, 5), writeCount = Word(pdu, 7);
        if (pdu[9] != 2 * writeCount)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataValue);
        }

        ExpectLength(pdu, 10 + pdu[9]);
        CheckRange(ModbusArea.HoldingRegister, readStart, readCount, ModbusLimits.MaxReadWriteReadRegisters);
        CheckRange(ModbusArea.HoldingRegister, writeStart, writeCount, ModbusLimits.MaxReadWriteWriteRegisters);
        store.WriteRegisters(ModbusArea.HoldingRegister, writeStart, ModbusResponse.ReadRegisters(pdu[10..]));
        return RegistersReply(pdu[0], ModbusArea.HoldingRegister, readStart, readCount);
    }

    private byte[] ReadDeviceIdentification(ReadOnlySpan<byte> pdu)
    {
        ExpectLength(pdu, 4);
        if (pdu[1] != ModbusDeviceIdentification.MeiType)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalFunction);
        }

        string[] objects = [options.VendorName, options.ProductCode, options.Revision];
        var category = pdu[2];
        var objectId = pdu[3];
        if (category is < 1 or > 4)
        {
            throw new RequestRejectedException(ModbusExceptionCode.IllegalDataValue);
        }

        if (objectId >= objects.Length)
        {
            // §6.21: an unknown object id restarts a stream at 0; a specific request for it is an error.
            objectId = category == 4 ? throw new RequestRejectedException(ModbusExceptionCode.IllegalDataAddress) : (byte)0;
        }

        var ids = category == 4 ? [objectId] : Enumerable.Range(objectId, objects.Length - objectId).Select(i => (byte)i).ToArray();
        var reply = new List<byte> { pdu[0], pdu[1], category, 0x81, 0x00, 0x00, (byte)ids.Length };
        foreach (var id in ids)
        {
            var text = Encoding.ASCII.GetBytes(objects[id]);
            var length = Math.Min(text.Length, 200 / objects.Length);
            reply.AddRange([id, (byte)length, .. text.AsSpan(0, length)]);
        }

        return [.. reply];
    }

    private sealed class RequestRejectedException(ModbusExceptionCode code) : Exception
    {
        public ModbusExceptionCode Code { get; } = code;
    }
}
