namespace Proxus.Bench.Mqtt;

/// <summary>Which sequence numbers of one publisher a subscriber has seen: a growable bit set.</summary>
public sealed class SequenceTracker
{
    private ulong[] _bits = new ulong[1024];

    public long Distinct { get; private set; }

    public long Duplicates { get; private set; }

    public void Mark(long sequence)
    {
        var word = (int)(sequence >> 6);
        if (word >= _bits.Length)
        {
            Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
        }

        var mask = 1UL << (int)(sequence & 63);
        if ((_bits[word] & mask) != 0)
        {
            Duplicates++;
            return;
        }

        _bits[word] |= mask;
        Distinct++;
    }
}
