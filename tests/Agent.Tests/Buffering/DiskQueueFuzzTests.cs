namespace Proxus.Agent.Tests.Buffering;

/// <summary>
/// Random damage to the segment files (overwritten runs, truncations, deleted files): opening never
/// throws, every record handed out is intact and in order, and every record is either handed out or
/// counted as corrupt — exactly once.
/// </summary>
public sealed class DiskQueueFuzzTests
{
    private const int Records = 300;

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 24)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Open_RandomlyDamagedSegments_HandsOutOnlyIntactRecordsAndCountsTheRest(int seed)
    {
        using var directory = new QueueDirectory();
        using (var queue = directory.Open())
        {
            QueueDirectory.Fill(queue, 1, Records);
        }

        var random = new Random(seed);
        var damages = new List<string>();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            damages.Add(Damage(random, directory.SegmentFiles()));
        }

        using var reopened = directory.Open();
        var records = QueueDirectory.Drain(reopened);

        var because = string.Join("; ", damages);
        records.Select(r => r.Sequence).Should().BeInAscendingOrder(because).And.OnlyHaveUniqueItems(because);
        records.Should().AllSatisfy(r => r.Payload.ToArray().Should().Equal(QueueDirectory.Payload(r.Sequence), because));
        (records.Count + reopened.CorruptRecords).Should().Be(Records, because);
        reopened.Depth.Should().Be(records.Count, because);
        reopened.Enqueue(QueueDirectory.Payload(Records + 1)).Should().BeGreaterThan(Records, because);
    }

    private static string Damage(Random random, string[] segments)
    {
        if (segments.Length == 0)
        {
            return "nothing left to damage";
        }

        var segment = segments[random.Next(segments.Length)];
        var length = new FileInfo(segment).Length;
        var name = Path.GetFileName(segment);
        switch (random.Next(10))
        {
            case 0:
                File.Delete(segment);
                return $"deleted {name}";
            case 1:
            case 2:
                var cut = random.NextInt64(length);
                QueueDirectory.Truncate(segment, cut);
                return $"truncated {name} to {cut}";
            default:
                var offset = random.NextInt64(length);
                var bytes = new byte[random.Next(1, 80)];
                random.NextBytes(bytes);
                QueueDirectory.Overwrite(segment, offset, bytes);
                return $"overwrote {bytes.Length} bytes of {name} at {offset}";
        }
    }
}
