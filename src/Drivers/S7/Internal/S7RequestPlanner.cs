using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.S7;

/// <summary>
/// Splits many addresses into Read/Write Var requests that fit the negotiated PDU size in both
/// directions: the request (12 bytes per item, plus data for writes) and the reply (data for reads).
/// A value larger than one PDU is cut into byte ranges that are reassembled afterwards.
/// </summary>
internal static class S7RequestPlanner
{
    /// <summary>Read reply overhead for one item: ack header, function and count, data item header.</summary>
    private const int ReadReplyOverhead = S7Header.AckLength + S7PduCodec.VarParameterHeaderLength + S7DataItem.HeaderLength;

    /// <summary>Write request overhead for one item: job header, function and count, one S7ANY item, data item header.</summary>
    private const int WriteRequestOverhead = S7Header.JobLength + S7PduCodec.VarParameterHeaderLength + S7ItemAddress.EncodedLength + S7DataItem.HeaderLength;

    public static List<S7Fragment[]> PlanReads(IReadOnlyList<S7Address> addresses, int pduSize, int maxItems)
    {
        var maxChunk = EvenFloor(pduSize - ReadReplyOverhead);
        return Pack(
            Fragment(addresses, maxChunk),
            maxItems,
            (count, dataBytes) => S7PduCodec.ReadRequestLength(count) <= pduSize
                && S7Header.AckLength + S7PduCodec.VarParameterHeaderLength + dataBytes <= pduSize);
    }

    public static List<S7Fragment[]> PlanWrites(IReadOnlyList<S7Address> addresses, int pduSize, int maxItems)
    {
        var maxChunk = EvenFloor(pduSize - WriteRequestOverhead);
        return Pack(
            Fragment(addresses, maxChunk),
            maxItems,
            (count, dataBytes) => S7PduCodec.ReadRequestLength(count) + dataBytes <= pduSize
                && S7PduCodec.WriteResponseLength(count) <= pduSize);
    }

    private static int EvenFloor(int value) => value & ~1;

    private static IEnumerable<S7Fragment> Fragment(IReadOnlyList<S7Address> addresses, int maxChunk)
    {
        for (var index = 0; index < addresses.Count; index++)
        {
            var address = addresses[index];
            var area = (byte)address.Area;
            var db = (ushort)address.DbNumber;
            switch (address.DataType)
            {
                case S7DataType.Bool:
                    yield return new S7Fragment(index, 0, 1, new S7ItemAddress(S7VariableType.Bit, 1, db, area, (address.ByteOffset * 8) + address.BitOffset));
                    break;
                case S7DataType.Timer or S7DataType.Counter:
                    var type = address.DataType == S7DataType.Timer ? S7VariableType.Timer : S7VariableType.Counter;
                    yield return new S7Fragment(index, 0, 2, new S7ItemAddress(type, 1, 0, area, address.ByteOffset));
                    break;
                default:
                    for (var offset = 0; offset < address.ByteLength; offset += maxChunk)
                    {
                        var length = Math.Min(maxChunk, address.ByteLength - offset);
                        var start = (address.ByteOffset + offset) * 8;
                        yield return new S7Fragment(index, offset, length, new S7ItemAddress(S7VariableType.Byte, (ushort)length, db, area, start));
                    }

                    break;
            }
        }
    }

    /// <summary>Greedy packing in request order; <paramref name="fits"/> sees item count and data bytes (fill bytes included).</summary>
    private static List<S7Fragment[]> Pack(IEnumerable<S7Fragment> fragments, int maxItems, Func<int, int, bool> fits)
    {
        var batches = new List<S7Fragment[]>();
        var current = new List<S7Fragment>();
        var dataBytes = 0;
        foreach (var fragment in fragments)
        {
            var cost = S7DataItem.EncodedLength(fragment.Length, last: false);
            if (current.Count > 0 && (current.Count == maxItems || !fits(current.Count + 1, dataBytes + cost)))
            {
                batches.Add([.. current]);
                current.Clear();
                dataBytes = 0;
            }

            current.Add(fragment);
            dataBytes += cost;
        }

        if (current.Count > 0)
        {
            batches.Add([.. current]);
        }

        return batches;
    }
}
