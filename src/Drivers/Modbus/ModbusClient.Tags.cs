using Proxus.Drivers.Modbus.Data;
using Proxus.Drivers.Modbus.Planning;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Modbus;

/// <summary>Typed reads and writes of tags, and planned reads of poll groups.</summary>
public sealed partial class ModbusClient
{
    /// <summary>Reads one value, e.g. <c>ReadAsync("HR100", ModbusDataType.Float32, ModbusByteOrder.CDAB)</c>.</summary>
    public Task<object> ReadAsync(string address, ModbusDataType dataType, ModbusByteOrder byteOrder = ModbusByteOrder.ABCD, int stringLength = 0, CancellationToken cancellationToken = default)
        => ReadAsync(ModbusTag.Create(address, dataType, byteOrder, stringLength), cancellationToken);

    /// <summary>Reads one tag with one request; throws <see cref="ModbusException"/> on failure.</summary>
    public async Task<object> ReadAsync(ModbusTag tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var block = new ModbusReadBlock(tag.UnitId ?? _options.UnitId, tag.Address.Area, tag.Address.Offset, tag.Length, [0]);
        var data = await ReadBlockAsync(block, cancellationToken).ConfigureAwait(false);
        return Decode(tag, block, data);
    }

    /// <summary>Writes one value, e.g. <c>WriteAsync("HR100", ModbusDataType.Int32, 42)</c>.</summary>
    public Task WriteAsync(string address, ModbusDataType dataType, object value, ModbusByteOrder byteOrder = ModbusByteOrder.ABCD, int stringLength = 0, CancellationToken cancellationToken = default)
        => WriteAsync(ModbusTag.Create(address, dataType, byteOrder, stringLength), value, cancellationToken);

    /// <summary>
    /// Writes a tag: a coil with function 5, one register with function 6, several with function 16.
    /// Discrete inputs, input registers and register bits are not writable (a register bit would need
    /// a non-atomic read-modify-write).
    /// </summary>
    public Task WriteAsync(ModbusTag tag, object value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(value);
        if (tag.Address.Area is ModbusArea.DiscreteInput or ModbusArea.InputRegister || tag.Address.Bit is not null)
        {
            throw new ModbusException(ModbusErrorReason.NotWritable, $"{tag.Name}: {tag.Address} is read-only for this client.");
        }

        if (tag.Address.Area == ModbusArea.Coil)
        {
            return WriteSingleCoilAsync(tag.Address.Offset, ModbusValueCodec.ToBoolean(tag, value), tag.UnitId, cancellationToken);
        }

        var registers = ModbusValueCodec.Encode(tag, value);
        if (registers.Length > ModbusLimits.MaxWriteRegisters)
        {
            throw new ModbusException(ModbusErrorReason.InvalidValue, $"{tag.Name} spans {registers.Length} registers; one write carries at most {ModbusLimits.MaxWriteRegisters}.");
        }

        return registers.Length == 1
            ? WriteSingleRegisterAsync(tag.Address.Offset, registers[0], tag.UnitId, cancellationToken)
            : WriteMultipleRegistersAsync(tag.Address.Offset, registers, tag.UnitId, cancellationToken);
    }

    /// <summary>
    /// Reads a poll group with the fewest requests the planner finds. Never throws for a device or
    /// connection error: each tag comes back good with its value or bad with the error. A block the
    /// device rejects with "illegal data address" is split until the rejected tags are isolated; those
    /// are remembered and reported bad (<see cref="ModbusErrorReason.KnownBadAddress"/>) on later polls
    /// while the rest keep reading.
    /// </summary>
    public async Task<IReadOnlyList<ModbusTagValue>> ReadTagsAsync(IReadOnlyList<ModbusTag> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var results = new ModbusTagValue[tags.Count];
        var plan = Planner.Plan(tags, _options.UnitId);
        var now = _options.TimeProvider.GetUtcNow();
        foreach (var index in plan.KnownBadTagIndexes)
        {
            results[index] = ModbusTagValue.Bad(tags[index], new ModbusException(ModbusErrorReason.KnownBadAddress, $"{tags[index].Address} was rejected by the device earlier."), now);
        }

        await Task.WhenAll(plan.Blocks.Select(block => ReadPlannedBlockAsync(tags, block, results, cancellationToken))).ConfigureAwait(false);
        return results;
    }

    private async Task ReadPlannedBlockAsync(IReadOnlyList<ModbusTag> tags, ModbusReadBlock block, ModbusTagValue[] results, CancellationToken cancellationToken)
    {
        try
        {
            var data = await ReadBlockAsync(block, cancellationToken).ConfigureAwait(false);
            var now = _options.TimeProvider.GetUtcNow();
            foreach (var index in block.TagIndexes)
            {
                results[index] = ModbusTagValue.Good(tags[index], Decode(tags[index], block, data), now);
            }
        }
        catch (ModbusException ex) when (ex.ExceptionCode == ModbusExceptionCode.IllegalDataAddress)
        {
            if (block.TagIndexes.Count == 1)
            {
                var tag = tags[block.TagIndexes[0]];
                Planner.MarkBad(tag, block.UnitId);
                ModbusLog.AddressRejected(_logger, _options.Endpoint, tag.Address.ToString(), tag.Name);
                results[block.TagIndexes[0]] = ModbusTagValue.Bad(tag, ex, _options.TimeProvider.GetUtcNow());
                return;
            }

            var half = block.TagIndexes.Count / 2;
            var ordered = block.TagIndexes.OrderBy(i => tags[i].Address.Offset).ToArray();
            await ReadPlannedBlockAsync(tags, ModbusReadPlanner.Cover(tags, ordered[..half], block.UnitId, block.Area), results, cancellationToken).ConfigureAwait(false);
            await ReadPlannedBlockAsync(tags, ModbusReadPlanner.Cover(tags, ordered[half..], block.UnitId, block.Area), results, cancellationToken).ConfigureAwait(false);
        }
        catch (ModbusException ex)
        {
            var now = _options.TimeProvider.GetUtcNow();
            foreach (var index in block.TagIndexes)
            {
                results[index] = ModbusTagValue.Bad(tags[index], ex, now);
            }
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadBlockAsync(ModbusReadBlock block, CancellationToken cancellationToken)
    {
        var request = block.Area switch
        {
            ModbusArea.Coil => ModbusRequest.ReadCoils(block.Start, block.Count),
            ModbusArea.DiscreteInput => ModbusRequest.ReadDiscreteInputs(block.Start, block.Count),
            ModbusArea.InputRegister => ModbusRequest.ReadInputRegisters(block.Start, block.Count),
            _ => ModbusRequest.ReadHoldingRegisters(block.Start, block.Count),
        };
        var reply = await ExecuteAsync(block.UnitId, request, cancellationToken).ConfigureAwait(false);
        return reply.AsMemory(2);
    }

    private static object Decode(ModbusTag tag, ModbusReadBlock block, ReadOnlyMemory<byte> data)
    {
        var offset = tag.Address.Offset - block.Start;
        if (tag.Address.IsBitTable)
        {
            return (data.Span[offset / 8] & (1 << (offset % 8))) != 0;
        }

        Span<ushort> registers = stackalloc ushort[tag.Length];
        for (var i = 0; i < registers.Length; i++)
        {
            var at = 2 * (offset + i);
            registers[i] = (ushort)((data.Span[at] << 8) | data.Span[at + 1]);
        }

        return ModbusValueCodec.Decode(tag, registers);
    }
}
