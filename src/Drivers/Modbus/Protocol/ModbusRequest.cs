using System.Buffers.Binary;

namespace Proxus.Drivers.Modbus.Protocol;

/// <summary>
/// A request PDU (function code and data, MODBUS Application Protocol v1.1b3 §6) with what is needed
/// to check the reply against it. Plain data: the factories validate ranges, nothing here does I/O.
/// </summary>
public sealed class ModbusRequest
{
    private ModbusRequest(ModbusFunctionCode functionCode, byte[] pdu, ushort address, int quantity)
    {
        FunctionCode = functionCode;
        Pdu = pdu;
        Address = address;
        Quantity = quantity;
    }

    public ModbusFunctionCode FunctionCode { get; }

    /// <summary>The encoded PDU, function code first.</summary>
    public ReadOnlyMemory<byte> Pdu { get; }

    /// <summary>The first address read (or written, for write requests).</summary>
    public ushort Address { get; }

    /// <summary>Number of bits or registers read (or written, for write requests).</summary>
    public int Quantity { get; }

    public static ModbusRequest ReadCoils(ushort address, int count) => ReadRequest(ModbusFunctionCode.ReadCoils, address, count, ModbusLimits.MaxReadBits);

    public static ModbusRequest ReadDiscreteInputs(ushort address, int count) => ReadRequest(ModbusFunctionCode.ReadDiscreteInputs, address, count, ModbusLimits.MaxReadBits);

    public static ModbusRequest ReadHoldingRegisters(ushort address, int count) => ReadRequest(ModbusFunctionCode.ReadHoldingRegisters, address, count, ModbusLimits.MaxReadRegisters);

    public static ModbusRequest ReadInputRegisters(ushort address, int count) => ReadRequest(ModbusFunctionCode.ReadInputRegisters, address, count, ModbusLimits.MaxReadRegisters);

    public static ModbusRequest WriteSingleCoil(ushort address, bool value)
    {
        var pdu = new byte[5];
        pdu[0] = (byte)ModbusFunctionCode.WriteSingleCoil;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), value ? (ushort)0xFF00 : (ushort)0x0000);
        return new ModbusRequest(ModbusFunctionCode.WriteSingleCoil, pdu, address, 1);
    }

    public static ModbusRequest WriteSingleRegister(ushort address, ushort value)
    {
        var pdu = new byte[5];
        pdu[0] = (byte)ModbusFunctionCode.WriteSingleRegister;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), value);
        return new ModbusRequest(ModbusFunctionCode.WriteSingleRegister, pdu, address, 1);
    }

    public static ModbusRequest WriteMultipleCoils(ushort address, ReadOnlySpan<bool> values)
    {
        CheckRange(address, values.Length, ModbusLimits.MaxWriteBits);
        var byteCount = (values.Length + 7) / 8;
        var pdu = new byte[6 + byteCount];
        pdu[0] = (byte)ModbusFunctionCode.WriteMultipleCoils;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), (ushort)values.Length);
        pdu[5] = (byte)byteCount;
        ModbusBits.Pack(values, pdu.AsSpan(6));
        return new ModbusRequest(ModbusFunctionCode.WriteMultipleCoils, pdu, address, values.Length);
    }

    public static ModbusRequest WriteMultipleRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        CheckRange(address, values.Length, ModbusLimits.MaxWriteRegisters);
        var pdu = new byte[6 + (2 * values.Length)];
        pdu[0] = (byte)ModbusFunctionCode.WriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), (ushort)values.Length);
        pdu[5] = (byte)(2 * values.Length);
        WriteRegisters(values, pdu.AsSpan(6));
        return new ModbusRequest(ModbusFunctionCode.WriteMultipleRegisters, pdu, address, values.Length);
    }

    /// <summary>Function 23: the device writes first, then reads; <see cref="Address"/> and <see cref="Quantity"/> describe the read.</summary>
    public static ModbusRequest ReadWriteMultipleRegisters(ushort readAddress, int readCount, ushort writeAddress, ReadOnlySpan<ushort> values)
    {
        CheckRange(readAddress, readCount, ModbusLimits.MaxReadWriteReadRegisters);
        CheckRange(writeAddress, values.Length, ModbusLimits.MaxReadWriteWriteRegisters);
        var pdu = new byte[10 + (2 * values.Length)];
        pdu[0] = (byte)ModbusFunctionCode.ReadWriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), readAddress);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), (ushort)readCount);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(5), writeAddress);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(7), (ushort)values.Length);
        pdu[9] = (byte)(2 * values.Length);
        WriteRegisters(values, pdu.AsSpan(10));
        return new ModbusRequest(ModbusFunctionCode.ReadWriteMultipleRegisters, pdu, readAddress, readCount);
    }

    /// <summary>Function 43 / MEI 14: Read Device Identification (§6.21) starting at an object id.</summary>
    public static ModbusRequest ReadDeviceIdentification(ModbusDeviceIdCategory category, byte objectId)
    {
        if (category is < ModbusDeviceIdCategory.Basic or > ModbusDeviceIdCategory.Specific)
        {
            throw new ModbusException(ModbusErrorReason.InvalidValue, $"Read device id code {category} is not 1..4.");
        }

        byte[] pdu = [(byte)ModbusFunctionCode.EncapsulatedInterface, ModbusDeviceIdentification.MeiType, (byte)category, objectId];
        return new ModbusRequest(ModbusFunctionCode.EncapsulatedInterface, pdu, objectId, 0);
    }

    private static void CheckRange(ushort address, int count, int maximum)
    {
        if (count < 1 || count > maximum)
        {
            throw new ModbusException(ModbusErrorReason.InvalidValue, $"Quantity {count} is outside 1..{maximum}.");
        }

        if (address + count > 0x10000)
        {
            throw new ModbusException(ModbusErrorReason.InvalidAddress, $"Address {address} + {count} passes the end of the 65536-entry table.");
        }
    }

    private static ModbusRequest ReadRequest(ModbusFunctionCode functionCode, ushort address, int count, int maximum)
    {
        CheckRange(address, count, maximum);
        var pdu = new byte[5];
        pdu[0] = (byte)functionCode;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), (ushort)count);
        return new ModbusRequest(functionCode, pdu, address, count);
    }

    private static void WriteRegisters(ReadOnlySpan<ushort> values, Span<byte> destination)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(2 * i)..], values[i]);
        }
    }
}
