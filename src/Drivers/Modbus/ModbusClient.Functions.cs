using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Modbus;

/// <summary>One method per function code; addresses are 0-based protocol addresses.</summary>
public sealed partial class ModbusClient
{
    /// <summary>Function 1.</summary>
    public Task<bool[]> ReadCoilsAsync(ushort address, int count, byte? unitId = null, CancellationToken cancellationToken = default)
        => ReadBitsAsync(ModbusRequest.ReadCoils(address, count), unitId, cancellationToken);

    /// <summary>Function 2.</summary>
    public Task<bool[]> ReadDiscreteInputsAsync(ushort address, int count, byte? unitId = null, CancellationToken cancellationToken = default)
        => ReadBitsAsync(ModbusRequest.ReadDiscreteInputs(address, count), unitId, cancellationToken);

    /// <summary>Function 3.</summary>
    public Task<ushort[]> ReadHoldingRegistersAsync(ushort address, int count, byte? unitId = null, CancellationToken cancellationToken = default)
        => ReadRegistersAsync(ModbusRequest.ReadHoldingRegisters(address, count), unitId, cancellationToken);

    /// <summary>Function 4.</summary>
    public Task<ushort[]> ReadInputRegistersAsync(ushort address, int count, byte? unitId = null, CancellationToken cancellationToken = default)
        => ReadRegistersAsync(ModbusRequest.ReadInputRegisters(address, count), unitId, cancellationToken);

    /// <summary>Function 5.</summary>
    public Task WriteSingleCoilAsync(ushort address, bool value, byte? unitId = null, CancellationToken cancellationToken = default)
        => ExecuteAsync(unitId, ModbusRequest.WriteSingleCoil(address, value), cancellationToken);

    /// <summary>Function 6.</summary>
    public Task WriteSingleRegisterAsync(ushort address, ushort value, byte? unitId = null, CancellationToken cancellationToken = default)
        => ExecuteAsync(unitId, ModbusRequest.WriteSingleRegister(address, value), cancellationToken);

    /// <summary>Function 15.</summary>
    public Task WriteMultipleCoilsAsync(ushort address, ReadOnlyMemory<bool> values, byte? unitId = null, CancellationToken cancellationToken = default)
        => ExecuteAsync(unitId, ModbusRequest.WriteMultipleCoils(address, values.Span), cancellationToken);

    /// <summary>Function 16.</summary>
    public Task WriteMultipleRegistersAsync(ushort address, ReadOnlyMemory<ushort> values, byte? unitId = null, CancellationToken cancellationToken = default)
        => ExecuteAsync(unitId, ModbusRequest.WriteMultipleRegisters(address, values.Span), cancellationToken);

    /// <summary>Function 23: writes <paramref name="values"/> at <paramref name="writeAddress"/>, then returns the registers read.</summary>
    public Task<ushort[]> ReadWriteMultipleRegistersAsync(ushort readAddress, int readCount, ushort writeAddress, ReadOnlyMemory<ushort> values, byte? unitId = null, CancellationToken cancellationToken = default)
        => ReadRegistersAsync(ModbusRequest.ReadWriteMultipleRegisters(readAddress, readCount, writeAddress, values.Span), unitId, cancellationToken);

    /// <summary>
    /// Function 43 / MEI 14 from <paramref name="objectId"/> (0 reads a whole category): follows the
    /// device's "more follows" chain, which must advance, and returns every object it sent.
    /// </summary>
    public async Task<ModbusDeviceIdentification> ReadDeviceIdentificationAsync(ModbusDeviceIdCategory category = ModbusDeviceIdCategory.Basic, byte objectId = 0, byte? unitId = null, CancellationToken cancellationToken = default)
    {
        var objects = new SortedDictionary<byte, string>();
        byte conformity = 0;
        for (var page = 0; page < 256; page++)
        {
            var reply = await ExecuteAsync(unitId, ModbusRequest.ReadDeviceIdentification(category, objectId), cancellationToken).ConfigureAwait(false);
            var parsed = ModbusDeviceIdentification.ParsePage(reply);
            conformity = parsed.ConformityLevel;
            foreach (var (id, value) in parsed.Objects)
            {
                objects[id] = value;
            }

            if (!parsed.MoreFollows)
            {
                return new ModbusDeviceIdentification(conformity, objects);
            }

            if (parsed.NextObjectId <= objectId)
            {
                throw new ModbusException(ModbusErrorReason.MalformedFrame, "The device identification stream does not advance.");
            }

            objectId = parsed.NextObjectId;
        }

        throw new ModbusException(ModbusErrorReason.MalformedFrame, "The device identification stream did not end within 256 replies.");
    }

    private async Task<bool[]> ReadBitsAsync(ModbusRequest request, byte? unitId, CancellationToken cancellationToken)
    {
        var reply = await ExecuteAsync(unitId, request, cancellationToken).ConfigureAwait(false);
        return ModbusBits.Unpack(reply.AsSpan(2), request.Quantity);
    }

    private async Task<ushort[]> ReadRegistersAsync(ModbusRequest request, byte? unitId, CancellationToken cancellationToken)
    {
        var reply = await ExecuteAsync(unitId, request, cancellationToken).ConfigureAwait(false);
        return ModbusResponse.ReadRegisters(reply.AsSpan(2));
    }
}
