using Proxus.Drivers.S7;

namespace Proxus.Agent.Commissioning;

/// <summary>Commissioning reads and writes over an <see cref="S7Client"/>.</summary>
internal sealed class S7DeviceSession(S7Client client) : IDeviceSession
{
    private static readonly Dictionary<string, S7DataType> TypeNames = CreateTypeNames();

    public async Task<IReadOnlyList<PointValue>> ReadAsync(IReadOnlyList<string> addresses, PointFormat format, CancellationToken cancellationToken)
    {
        var items = new List<S7Address>();
        foreach (var text in addresses)
        {
            var first = Parse(text, format);
            items.Add(first);
            for (var i = 1; i < format.Count; i++)
            {
                items.Add(Next(first, i));
            }
        }

        var results = await client.ReadManyAsync(items, cancellationToken).ConfigureAwait(false);
        return results.Select(result => result.IsSuccess
            ? PointValue.Good(result.Address.ToString(), result.Value!)
            : PointValue.Bad(result.Address.ToString(), result.Error!.Message)).ToList();
    }

    public async Task<PointValue> WriteAsync(string address, string value, PointFormat format, CancellationToken cancellationToken)
    {
        var parsed = Parse(address, format);
        await client.WriteAsync(parsed, value, cancellationToken).ConfigureAwait(false);
        var readBack = await client.ReadAsync(parsed, cancellationToken).ConfigureAwait(false);
        return PointValue.Good(parsed.ToString(), readBack);
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private static S7Address Parse(string text, PointFormat format)
    {
        if (format.ByteOrder is not null)
        {
            throw new FormatException("The byte order applies to Modbus only; S7 values are big-endian.");
        }

        if (format.StringLength is not null)
        {
            throw new FormatException("An S7 string carries its length in the address, e.g. DB3.STRING10.20.");
        }

        if (format.Type is null)
        {
            return S7Address.Parse(text);
        }

        return TypeNames.TryGetValue(format.Type, out var type)
            ? S7Address.Parse(text, type)
            : throw new FormatException($"Unknown S7 type '{format.Type}' (one of {string.Join(", ", TypeNames.Keys).ToLowerInvariant()}).");
    }

    /// <summary>The address of the <paramref name="index"/>-th value after <paramref name="first"/>.</summary>
    private static S7Address Next(S7Address first, int index)
    {
        return first.DataType switch
        {
            S7DataType.Bool => At((first.ByteOffset * 8) + first.BitOffset + index),
            S7DataType.Timer or S7DataType.Counter => new S7Address(first.Area, first.DbNumber, first.ByteOffset + index, 0, first.DataType),
            _ => new S7Address(first.Area, first.DbNumber, first.ByteOffset + (index * first.ByteLength), 0, first.DataType, first.StringLength),
        };

        S7Address At(int bitAddress) => new(first.Area, first.DbNumber, bitAddress / 8, bitAddress % 8, S7DataType.Bool);
    }

    private static Dictionary<string, S7DataType> CreateTypeNames()
    {
        var names = Enum.GetValues<S7DataType>().ToDictionary(type => type.ToString(), StringComparer.OrdinalIgnoreCase);
        names["date_and_time"] = S7DataType.DateAndTime;
        return names;
    }
}
