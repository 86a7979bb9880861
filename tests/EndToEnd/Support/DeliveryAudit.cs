namespace Proxus.EndToEnd.Tests.Support;

/// <summary>
/// Checks what an independent subscriber received from one agent against the agent's delivery
/// promise: after de-duplication by (tag, timestamp), no point is missing, none is there twice
/// under different sequence numbers, and each tag's points arrived in time order.
/// <para>
/// Loss shows as a gap in the agent's sequence numbers. The agent reserves them in blocks of
/// <see cref="BlockSize"/> on disk, so a killed agent's restart continues at the next block: a
/// gap that ends just after a block boundary is a restart, any other gap is a loss. This holds
/// when one poll loop produces the points (sequence numbers are taken and enqueued in one order).
/// </para>
/// </summary>
public sealed class DeliveryAudit
{
    public const long BlockSize = 100_000;

    private DeliveryAudit(int received, int distinct, long first, long last, IReadOnlyList<(long From, long To)> restarts, IReadOnlyList<(long From, long To)> losses, IReadOnlyList<string> problems)
    {
        Received = received;
        Distinct = distinct;
        FirstSequence = first;
        LastSequence = last;
        Restarts = restarts;
        Losses = losses;
        Problems = problems;
    }

    /// <summary>Messages received, duplicates included.</summary>
    public int Received { get; }

    /// <summary>Points after de-duplication by (tag, timestamp).</summary>
    public int Distinct { get; }

    public long FirstSequence { get; }

    public long LastSequence { get; }

    /// <summary>Sequence gaps that end at a block boundary: the rest of a block a killed agent never used.</summary>
    public IReadOnlyList<(long From, long To)> Restarts { get; }

    /// <summary>Sequence gaps that are not restarts: points lost.</summary>
    public IReadOnlyList<(long From, long To)> Losses { get; }

    /// <summary>Duplicates under different sequence numbers, and points out of time order within their tag.</summary>
    public IReadOnlyList<string> Problems { get; }

    public static DeliveryAudit Of(IReadOnlyList<ReceivedPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var problems = new List<string>();
        var seen = new Dictionary<(string Tag, DateTimeOffset Timestamp), long>();
        var bySequence = new Dictionary<long, (string Tag, DateTimeOffset Timestamp)>();
        var lastByTag = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            if (!bySequence.TryAdd(point.Sequence, (point.Tag, point.Timestamp)) && bySequence[point.Sequence] != (point.Tag, point.Timestamp))
            {
                problems.Add($"seq {point.Sequence} carried two different points");
            }

            if (seen.TryGetValue((point.Tag, point.Timestamp), out var sequence))
            {
                if (sequence != point.Sequence)
                {
                    problems.Add($"{point.Tag} at {point.Timestamp:O} arrived as seq {sequence} and as seq {point.Sequence}");
                }

                continue;
            }

            seen.Add((point.Tag, point.Timestamp), point.Sequence);
            if (lastByTag.TryGetValue(point.Tag, out var last) && point.Timestamp <= last)
            {
                problems.Add($"{point.Tag}: {point.Timestamp:O} (seq {point.Sequence}) arrived after {last:O}");
            }

            lastByTag[point.Tag] = point.Timestamp;
        }

        // Every sequence number that arrived counts as delivered, also one whose point was a duplicate (a problem of its own).
        var sequences = bySequence.Keys.Order().ToList();
        var restarts = new List<(long, long)>();
        var losses = new List<(long, long)>();
        for (var i = 1; i < sequences.Count; i++)
        {
            if (sequences[i] > sequences[i - 1] + 1)
            {
                var gap = (sequences[i - 1] + 1, sequences[i] - 1);
                ((sequences[i] - 1) % BlockSize == 0 ? restarts : losses).Add(gap);
            }
        }

        return new DeliveryAudit(
            points.Count,
            seen.Count,
            sequences.Count > 0 ? sequences[0] : 0,
            sequences.Count > 0 ? sequences[^1] : 0,
            restarts,
            losses,
            problems);
    }
}
