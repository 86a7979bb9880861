using Proxus.Drivers.Modbus.Data;

namespace Proxus.Drivers.Modbus.Planning;

/// <summary>
/// Merges the tags of a poll group into the fewest read requests: per unit and table, tags sorted by
/// address are joined while the unused span between them is at most <c>maxGap</c> and the request
/// stays within the protocol limit (125 registers, 2000 bits). Addresses a device rejected with
/// "illegal data address" are remembered: tags on them are left out, and no block spans them.
/// </summary>
public sealed class ModbusReadPlanner
{
    private readonly int _maxGap;
    private readonly int _maxRegisters;
    private readonly int _maxBits;
    private readonly HashSet<(byte Unit, ModbusArea Area, ushort Address)> _bad = [];
    private readonly Lock _gate = new();

    public ModbusReadPlanner(int maxGap, int maxRegisters = ModbusLimits.MaxReadRegisters, int maxBits = ModbusLimits.MaxReadBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxGap);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRegisters, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRegisters, ModbusLimits.MaxReadRegisters);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBits, ModbusLimits.MaxReadBits);
        _maxGap = maxGap;
        _maxRegisters = maxRegisters;
        _maxBits = maxBits;
    }

    /// <summary>Plans the reads of the tags; tags without a unit id use <paramref name="defaultUnitId"/>.</summary>
    public ModbusReadPlan Plan(IReadOnlyList<ModbusTag> tags, byte defaultUnitId)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var blocks = new List<ModbusReadBlock>();
        var knownBad = new List<int>();
        lock (_gate)
        {
            var groups = Enumerable.Range(0, tags.Count)
                .GroupBy(i => (Unit: tags[i].UnitId ?? defaultUnitId, tags[i].Address.Area))
                .OrderBy(g => g.Key.Unit).ThenBy(g => g.Key.Area);
            foreach (var group in groups)
            {
                var (unit, area) = group.Key;
                var limit = area is ModbusArea.Coil or ModbusArea.DiscreteInput ? _maxBits : _maxRegisters;
                var current = new List<int>();
                int start = 0, end = 0;
                foreach (var index in group.OrderBy(i => tags[i].Address.Offset).ThenBy(i => tags[i].Length))
                {
                    var tag = tags[index];
                    int tagStart = tag.Address.Offset, tagEnd = tagStart + tag.Length;
                    if (HasBad(unit, area, tagStart, tagEnd))
                    {
                        knownBad.Add(index);
                        continue;
                    }

                    var joins = current.Count > 0 && tagStart - end <= _maxGap && Math.Max(end, tagEnd) - start <= limit
                        && !HasBad(unit, area, end, tagStart);
                    if (!joins)
                    {
                        Close(blocks, unit, area, start, end, current);
                        current = [];
                        start = tagStart;
                        end = tagStart;
                    }

                    current.Add(index);
                    end = Math.Max(end, tagEnd);
                }

                Close(blocks, unit, area, start, end, current);
            }
        }

        return new ModbusReadPlan(blocks, knownBad);
    }

    /// <summary>The single block that covers the given tags (used to split a rejected block).</summary>
    public static ModbusReadBlock Cover(IReadOnlyList<ModbusTag> tags, IReadOnlyList<int> indexes, byte unitId, ModbusArea area)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(indexes);
        var start = indexes.Min(i => (int)tags[i].Address.Offset);
        var end = indexes.Max(i => tags[i].Address.Offset + tags[i].Length);
        return new ModbusReadBlock(unitId, area, (ushort)start, end - start, indexes);
    }

    /// <summary>Remembers that the device rejects the addresses of the tag.</summary>
    public void MarkBad(ModbusTag tag, byte unitId)
    {
        ArgumentNullException.ThrowIfNull(tag);
        lock (_gate)
        {
            for (var address = (int)tag.Address.Offset; address < tag.Address.Offset + tag.Length; address++)
            {
                _bad.Add((unitId, tag.Address.Area, (ushort)address));
            }
        }
    }

    /// <summary>Forgets every rejected address (e.g. after the device's configuration changed).</summary>
    public void ForgetBadAddresses()
    {
        lock (_gate)
        {
            _bad.Clear();
        }
    }

    private static void Close(List<ModbusReadBlock> blocks, byte unit, ModbusArea area, int start, int end, List<int> indexes)
    {
        if (indexes.Count > 0)
        {
            blocks.Add(new ModbusReadBlock(unit, area, (ushort)start, end - start, indexes));
        }
    }

    private bool HasBad(byte unit, ModbusArea area, int from, int to)
    {
        if (_bad.Count == 0)
        {
            return false;
        }

        for (var address = from; address < to; address++)
        {
            if (_bad.Contains((unit, area, (ushort)address)))
            {
                return true;
            }
        }

        return false;
    }
}
