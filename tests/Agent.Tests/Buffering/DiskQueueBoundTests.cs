namespace Proxus.Agent.Tests.Buffering;

public sealed class DiskQueueBoundTests : IDisposable
{
    private const int SegmentBytes = 4096;
    private const long MaxBytes = 4 * SegmentBytes;
    private readonly QueueDirectory _directory = new();

    [Fact]
    public void Enqueue_BeyondMaxBytes_DropsWholeOldestSegmentsAndCountsTheirRecords()
    {
        using var queue = _directory.Open(_directory.Options(segmentBytes: SegmentBytes, maxBytes: MaxBytes));

        for (var n = 1; n <= 2_000; n++)
        {
            queue.Enqueue(QueueDirectory.Payload(n));
            queue.Bytes.Should().BeLessThanOrEqualTo(MaxBytes);
        }

        var records = QueueDirectory.Drain(queue);
        queue.DroppedRecords.Should().BeGreaterThan(0);
        (queue.DroppedRecords + records.Count).Should().Be(2_000);
        records.Select(r => r.Sequence).Should().Equal(Enumerable.Range((int)queue.DroppedRecords + 1, records.Count).Select(i => (long)i));
        queue.Depth.Should().Be(records.Count);
        queue.Bytes.Should().Be(_directory.SegmentFiles().Sum(f => new FileInfo(f).Length));
    }

    [Fact]
    public void Enqueue_BeyondMaxBytes_AcknowledgedRecordsInADroppedSegmentAreNotCountedAsDropped()
    {
        using var queue = _directory.Open(_directory.Options(segmentBytes: SegmentBytes, maxBytes: MaxBytes));
        QueueDirectory.Fill(queue, 1, 40);
        foreach (var record in QueueDirectory.Drain(queue))
        {
            queue.Acknowledge(record.Sequence);
        }

        var next = 41;
        while (queue.DroppedRecords == 0 && next < 5_000)
        {
            queue.Enqueue(QueueDirectory.Payload(next++));
        }

        var firstKept = QueueDirectory.Drain(queue)[0].Sequence;
        queue.DroppedRecords.Should().Be(firstKept - 41, "the 40 acknowledged records were not lost");
    }

    [Fact]
    public void Open_AfterDrops_NeitherRedeliversNorCountsTheDroppedRecordsAsCorrupt()
    {
        long firstKept;
        using (var queue = _directory.Open(_directory.Options(segmentBytes: SegmentBytes, maxBytes: MaxBytes)))
        {
            QueueDirectory.Fill(queue, 1, 1_000);
            firstKept = queue.DroppedRecords + 1;
        }

        using var reopened = _directory.Open(_directory.Options(segmentBytes: SegmentBytes, maxBytes: MaxBytes));

        reopened.CorruptRecords.Should().Be(0);
        reopened.Depth.Should().Be(1_000 - firstKept + 1);
        QueueDirectory.Drain(reopened)[0].Sequence.Should().Be(firstKept);
    }

    [Fact]
    public void Enqueue_DropsTheSegmentTheReaderIsIn_ReaderContinuesAtTheOldestKeptRecord()
    {
        using var queue = _directory.Open(_directory.Options(segmentBytes: SegmentBytes, maxBytes: MaxBytes));
        QueueDirectory.Fill(queue, 1, 10);
        queue.TryReadNext(out _);
        queue.TryReadNext(out _);

        var next = 11;
        while (queue.DroppedRecords == 0)
        {
            queue.Enqueue(QueueDirectory.Payload(next++));
        }

        queue.TryReadNext(out var record).Should().BeTrue();
        record.Sequence.Should().Be(queue.DroppedRecords + 1);
        record.Payload.ToArray().Should().Equal(QueueDirectory.Payload(record.Sequence));
    }

    public void Dispose() => _directory.Dispose();
}
