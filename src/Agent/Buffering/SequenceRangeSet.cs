namespace Proxus.Agent.Buffering;

/// <summary>
/// A set of sequence numbers kept as sorted, disjoint, non-adjacent ranges: the acknowledgements that
/// arrived ahead of the contiguous watermark (few, because acknowledgements arrive nearly in order),
/// plus the sequences known to be missing from the disk.
/// </summary>
internal sealed class SequenceRangeSet
{
    private readonly List<SequenceRange> _ranges = [];

    public IReadOnlyList<SequenceRange> Ranges => _ranges;

    public bool Contains(long sequence)
    {
        var index = FirstEndingAtOrAfter(sequence);
        return index < _ranges.Count && _ranges[index].Start <= sequence;
    }

    /// <summary>How many sequences from <paramref name="start"/> to <paramref name="end"/> are in the set.</summary>
    public long CountWithin(long start, long end)
    {
        long count = 0;
        for (var index = FirstEndingAtOrAfter(start); index < _ranges.Count && _ranges[index].Start <= end; index++)
        {
            var range = _ranges[index];
            count += Math.Min(range.End, end) - Math.Max(range.Start, start) + 1;
        }

        return count;
    }

    /// <summary>Adds the sequences from <paramref name="start"/> to <paramref name="end"/>; returns how many were not in the set yet.</summary>
    public long Add(long start, long end)
    {
        if (end < start)
        {
            return 0;
        }

        var added = end - start + 1 - CountWithin(start, end);
        if (added == 0)
        {
            return 0;
        }

        // Merge with every range that overlaps or touches [start, end].
        var first = FirstEndingAtOrAfter(start - 1);
        var last = first;
        while (last < _ranges.Count && _ranges[last].Start <= end + 1)
        {
            start = Math.Min(start, _ranges[last].Start);
            end = Math.Max(end, _ranges[last].End);
            last++;
        }

        _ranges.RemoveRange(first, last - first);
        _ranges.Insert(first, new SequenceRange(start, end));
        return added;
    }

    /// <summary>When the first range starts at <paramref name="sequence"/>, removes it and returns its end.</summary>
    public bool TryTakeFirst(long sequence, out long end)
    {
        if (_ranges.Count > 0 && _ranges[0].Start == sequence)
        {
            end = _ranges[0].End;
            _ranges.RemoveAt(0);
            return true;
        }

        end = 0;
        return false;
    }

    /// <summary>Forgets every sequence up to and including <paramref name="sequence"/>.</summary>
    public void RemoveThrough(long sequence)
    {
        var index = FirstEndingAtOrAfter(sequence + 1);
        _ranges.RemoveRange(0, index);
        if (_ranges.Count > 0 && _ranges[0].Start <= sequence)
        {
            _ranges[0] = _ranges[0] with { Start = sequence + 1 };
        }
    }

    private int FirstEndingAtOrAfter(long sequence)
    {
        int low = 0, high = _ranges.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_ranges[middle].End < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
