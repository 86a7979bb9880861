using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

/// <summary>Appending a batch: one write per segment, records framed and recovered as if appended one by one.</summary>
public sealed class DiskQueueBatchTests : IDisposable
{
    private readonly QueueDirectory _directory = new();

    [Fact]
    public void Enqueue_Batch_ReturnsTheFirstSequenceAndTheRecordsFollowInOrder()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 3);

        var first = queue.Enqueue(Batch(4, 17));

        first.Should().Be(4);
        queue.Depth.Should().Be(20);
        var records = QueueDirectory.Drain(queue);
        records.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, 20).Select(i => (long)i));
        records.Should().AllSatisfy(r => r.Payload.ToArray().Should().Equal(QueueDirectory.Payload(r.Sequence)));
        queue.Enqueue(QueueDirectory.Payload(21)).Should().Be(21);
    }

    [Fact]
    public void Enqueue_BatchInOneSegment_LaysOutTheSameFramesAsRecordsAppendedOneByOne()
    {
        using (var single = new QueueDirectory())
        {
            using (var queue = single.Open())
            {
                QueueDirectory.Fill(queue, 1, 30);
            }

            using (var queue = _directory.Open())
            {
                queue.Enqueue(Batch(1, 30));
            }

            _directory.SegmentFiles().Should().ContainSingle();
            File.ReadAllBytes(_directory.SegmentFiles()[0]).Should().Equal(File.ReadAllBytes(single.SegmentFiles()[0]));
        }
    }

    [Fact]
    public void Enqueue_BatchLargerThanASegment_SplitsAtSegmentBoundariesAndSurvivesAReopen()
    {
        using (var queue = _directory.Open())
        {
            queue.Enqueue(Batch(1, 400));
        }

        var segments = _directory.SegmentFiles();
        segments.Length.Should().BeGreaterThan(3);
        segments.Should().AllSatisfy(path => new FileInfo(path).Length.Should().BeLessThanOrEqualTo(4096));
        segments.Select(SegmentFiles.FirstSequence).Should().BeInAscendingOrder();
        using var reopened = _directory.Open();
        var records = QueueDirectory.Drain(reopened);
        records.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, 400).Select(i => (long)i));
        records.Should().AllSatisfy(r => r.Payload.ToArray().Should().Equal(QueueDirectory.Payload(r.Sequence)));
        reopened.CorruptRecords.Should().Be(0);
    }

    [Fact]
    public void Enqueue_BatchWithAnOversizedRecord_EnqueuesNothing()
    {
        using var queue = _directory.Open();
        var batch = Batch(1, 5);
        batch.Add(new byte[1025]);

        var enqueue = () => queue.Enqueue(batch);

        enqueue.Should().Throw<ArgumentException>();
        queue.Depth.Should().Be(0);
        queue.TryReadNext(out _).Should().BeFalse();
        queue.Enqueue(QueueDirectory.Payload(1)).Should().Be(1, "no sequence was spent");
    }

    [Fact]
    public void Enqueue_EmptyBatch_EnqueuesNothingAndReturnsZero()
    {
        using var queue = _directory.Open();

        queue.Enqueue(new RecordBatch()).Should().Be(0);

        queue.Depth.Should().Be(0);
        _directory.SegmentFiles().Should().BeEmpty();
    }

    [Fact]
    public void Enqueue_OverTheSizeBound_DropsTheOldestSegmentsAndCountsThem()
    {
        using var queue = _directory.Open(_directory.Options(segmentBytes: 4096, maxBytes: 16 * 1024));

        queue.Enqueue(Batch(1, 400));

        queue.Bytes.Should().BeLessThanOrEqualTo(16 * 1024);
        var records = QueueDirectory.Drain(queue);
        records[^1].Sequence.Should().Be(400);
        (records.Count + queue.DroppedRecords).Should().Be(400);
        queue.DroppedRecords.Should().BePositive();
        records.Select(r => r.Sequence).Should().BeInAscendingOrder();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    [InlineData(30)]
    public void Open_TornBatch_KeepsTheWholeRecordsBeforeTheTearAndCutsOffTheRest(int keptBytesOfTornFrame)
    {
        using (var queue = _directory.Open())
        {
            queue.Enqueue(Batch(1, 5));
            queue.Enqueue(Batch(6, 5));
        }

        // The second batch's write stopped inside its fourth record (sequence 9); the checkpoint the
        // closed queue wrote knows that sequences up to 10 were assigned.
        var segment = _directory.SegmentFiles().Single();
        var torn = SegmentFiles.Frames(segment)[8];
        QueueDirectory.Truncate(segment, torn.Offset + keptBytesOfTornFrame);

        using var reopened = _directory.Open();

        new FileInfo(segment).Length.Should().Be(torn.Offset, "the torn record and whatever followed it are cut off");
        QueueDirectory.Drain(reopened).Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, 8).Select(i => (long)i));
        reopened.CorruptRecords.Should().Be(2, "the torn record and the one after it in the batch are lost and counted");
        reopened.Enqueue(Batch(11, 2)).Should().Be(11, "no lost sequence is reused");
        QueueDirectory.Drain(reopened).Select(r => r.Sequence).Should().Equal(11, 12);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A batch of the test payloads of records <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    private static RecordBatch Batch(long first, int count)
    {
        var batch = new RecordBatch(64);
        for (var n = first; n < first + count; n++)
        {
            batch.Add(QueueDirectory.Payload(n));
        }

        return batch;
    }
}
