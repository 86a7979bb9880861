using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

public sealed class DiskQueueRestartTests : IDisposable
{
    private readonly QueueDirectory _directory = new();

    [Fact]
    public void Open_AfterDispose_DeliversTheUnacknowledgedRecordsAgainInOrder()
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, 200);
            QueueDirectory.Drain(queue);
            foreach (var sequence in Enumerable.Range(1, 150).Where(s => s != 42))
            {
                queue.Acknowledge(sequence);
            }
        }

        using var reopened = _directory.Open();
        var records = QueueDirectory.Drain(reopened);

        records.Select(r => r.Sequence).Should().Equal(new long[] { 42 }.Concat(Enumerable.Range(151, 50).Select(i => (long)i)));
        records.Should().AllSatisfy(r => r.Payload.ToArray().Should().Equal(QueueDirectory.Payload(r.Sequence)));
        reopened.Depth.Should().Be(51);
        reopened.CorruptRecords.Should().Be(0);
    }

    [Fact]
    public void Open_AfterAcknowledgementsFlushedButNoDispose_DoesNotRedeliverThem()
    {
        var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 10);
        QueueDirectory.Drain(queue);
        queue.Acknowledge(1);
        queue.Acknowledge(2);
        queue.Acknowledge(5);
        queue.Flush();
        queue.Acknowledge(3); // not flushed: delivered again, as a record in flight at a crash would be.
        File.Copy(_directory.CheckpointFile, _directory.CheckpointFile + ".at-crash");
        queue.Dispose();
        File.Move(_directory.CheckpointFile + ".at-crash", _directory.CheckpointFile, overwrite: true);

        using var reopened = _directory.Open();

        QueueDirectory.Drain(reopened).Select(r => r.Sequence).Should().Equal(3, 4, 6, 7, 8, 9, 10);
    }

    [Fact]
    public void Open_AllAcknowledgedAndSegmentsDeleted_ContinuesTheSequence()
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, 300);
            foreach (var record in QueueDirectory.Drain(queue))
            {
                queue.Acknowledge(record.Sequence);
            }
        }

        using var reopened = _directory.Open();
        _directory.SegmentFiles().Should().BeEmpty("every record was acknowledged");
        reopened.Depth.Should().Be(0);
        reopened.TryReadNext(out _).Should().BeFalse();

        reopened.Enqueue(QueueDirectory.Payload(301)).Should().Be(301);
        reopened.TryReadNext(out var next).Should().BeTrue();
        next.Sequence.Should().Be(301);
    }

    [Fact]
    public void Flush_FullyAcknowledgedSegments_AreDeletedAndTheRestKept()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 400);
        var before = _directory.SegmentFiles();
        var bytesBefore = queue.Bytes;
        foreach (var record in QueueDirectory.Drain(queue).Take(200))
        {
            queue.Acknowledge(record.Sequence);
        }

        queue.Flush();

        var after = _directory.SegmentFiles();
        after.Length.Should().BeLessThan(before.Length);
        after.Should().BeSubsetOf(before);
        queue.Bytes.Should().BeLessThan(bytesBefore);
        queue.Bytes.Should().Be(after.Sum(f => new FileInfo(f).Length));
        queue.Rewind();
        QueueDirectory.Drain(queue).Select(r => r.Sequence).Should().Equal(Enumerable.Range(201, 200).Select(i => (long)i));
    }

    [Fact]
    public void Acknowledge_WithoutFlush_DeletesNoSegmentBeforeTheCheckpointSaysSo()
    {
        using var queue = _directory.Open();
        QueueDirectory.Fill(queue, 1, 400);
        var before = _directory.SegmentFiles();

        foreach (var record in QueueDirectory.Drain(queue))
        {
            queue.Acknowledge(record.Sequence);
        }

        _directory.SegmentFiles().Should().Equal(before);
        queue.Depth.Should().Be(0);
    }

    [Fact]
    public void Open_RepeatedRestarts_SequencesNeverReused()
    {
        var seen = new List<long>();
        for (var round = 0; round < 4; round++)
        {
            using var queue = _directory.Open();
            seen.AddRange(QueueDirectory.Fill(queue, round * 10, (round * 10) + 9));
            foreach (var record in QueueDirectory.Drain(queue))
            {
                queue.Acknowledge(record.Sequence);
            }
        }

        seen.Should().Equal(Enumerable.Range(1, 40).Select(i => (long)i));
    }

    [Fact]
    public void Open_TheBackgroundFlush_PersistsAcknowledgementsWithinTheInterval()
    {
        var options = new DiskQueueOptions { Directory = _directory.Path, SegmentBytes = 4096, MaxBytes = 1 << 20, MaxRecordBytes = 1024, FsyncInterval = TimeSpan.FromMilliseconds(20) };
        var queue = DiskQueue.Open(options);
        QueueDirectory.Fill(queue, 1, 5);
        QueueDirectory.Drain(queue);
        queue.Acknowledge(1);
        queue.Acknowledge(2);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Checkpoint.TryLoad(_directory.Path, out _)?.AcknowledgedThrough != 2)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the flush loop runs every 20 ms");
            Thread.Sleep(20);
        }

        File.Copy(_directory.CheckpointFile, _directory.CheckpointFile + ".at-crash");
        queue.Dispose();
        File.Move(_directory.CheckpointFile + ".at-crash", _directory.CheckpointFile, overwrite: true);
        using var reopened = DiskQueue.Open(options);
        QueueDirectory.Drain(reopened).Select(r => r.Sequence).Should().Equal(3, 4, 5);
    }

    public void Dispose() => _directory.Dispose();
}
