using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;

namespace Proxus.Agent.Commissioning;

/// <summary>Commissioning reads and writes over a <see cref="ModbusClient"/>.</summary>
internal sealed class ModbusDeviceSession(ModbusClient client) : IDeviceSession
{
    private static readonly Dictionary<string, ModbusDataType> TypeNames =
        Enum.GetValues<ModbusDataType>().ToDictionary(type => type.ToString(), StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, ModbusByteOrder> ByteOrders =
        Enum.GetValues<ModbusByteOrder>().ToDictionary(order => order.ToString(), StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<PointValue>> ReadAsync(IReadOnlyList<string> addresses, PointFormat format, CancellationToken cancellationToken)
    {
        var tags = new List<ModbusTag>();
        foreach (var text in addresses)
        {
            var first = CreateTag(ModbusAddress.Parse(text), format);
            tags.Add(first);
            for (var i = 1; i < format.Count; i++)
            {
                tags.Add(CreateTag(Next(first, i), format));
            }
        }

        var values = await client.ReadTagsAsync(tags, cancellationToken).ConfigureAwait(false);
        return values.Select(value => value.IsGood
            ? PointValue.Good(value.Tag.Address.ToString(), value.Value!)
            : PointValue.Bad(value.Tag.Address.ToString(), value.Error!.Message)).ToList();
    }

    public async Task<PointValue> WriteAsync(string address, string value, PointFormat format, CancellationToken cancellationToken)
    {
        var tag = CreateTag(ModbusAddress.Parse(address), format);
        object payload = tag.DataType == ModbusDataType.Bool && value is ("0" or "1") ? value == "1" : value;
        await client.WriteAsync(tag, payload, cancellationToken).ConfigureAwait(false);
        var readBack = await client.ReadAsync(tag, cancellationToken).ConfigureAwait(false);
        return PointValue.Good(tag.Address.ToString(), readBack);
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private static ModbusTag CreateTag(ModbusAddress address, PointFormat format)
    {
        var type = ParseType(format.Type, address);
        var order = ModbusByteOrder.ABCD;
        if (format.ByteOrder is not null && !ByteOrders.TryGetValue(format.ByteOrder, out order))
        {
            throw new FormatException($"Unknown byte order '{format.ByteOrder}' (one of {string.Join(", ", ByteOrders.Keys)}).");
        }

        if (type == ModbusDataType.String && format.StringLength is null)
        {
            throw new FormatException("A Modbus string needs its length in registers (--length N, two characters per register).");
        }

        if (type != ModbusDataType.String && format.StringLength is not null)
        {
            throw new FormatException("The length applies to Modbus strings only.");
        }

        return new ModbusTag(address.ToString(), address, type, order, format.StringLength ?? 0);
    }

    private static ModbusDataType ParseType(string? name, ModbusAddress address)
    {
        if (name is null)
        {
            return address.IsBitTable || address.Bit is not null ? ModbusDataType.Bool : ModbusDataType.UInt16;
        }

        return TypeNames.TryGetValue(name, out var type)
            ? type
            : throw new FormatException($"Unknown Modbus type '{name}' (one of {string.Join(", ", TypeNames.Keys).ToLowerInvariant()}).");
    }

    /// <summary>The address of the <paramref name="index"/>-th value after <paramref name="first"/>.</summary>
    private static ModbusAddress Next(ModbusTag first, int index)
    {
        var address = first.Address;
        int offset;
        int? bit = null;
        if (address.Bit is { } firstBit)
        {
            var bitIndex = firstBit + index;
            offset = address.Offset + (bitIndex / 16);
            bit = bitIndex % 16;
        }
        else
        {
            offset = address.Offset + (index * first.Length);
        }

        return offset <= ushort.MaxValue
            ? new ModbusAddress(address.Area, (ushort)offset, bit)
            : throw new ModbusException(ModbusErrorReason.InvalidAddress, $"{first.Address} with {index + 1} values passes the end of the table.");
    }
}
