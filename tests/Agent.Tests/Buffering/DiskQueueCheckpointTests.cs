using System.Buffers.Binary;
using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

public sealed class DiskQueueCheckpointTests : IDisposable
{
    private readonly QueueDirectory _directory = new();

    [Fact]
    public void Encode_ThenDecode_RoundTrips()
    {
        var checkpoint = new Checkpoint(10, 100, [new SequenceRange(12, 14), new SequenceRange(20, 20)]);

        var decoded = Checkpoint.Decode(checkpoint.Encode(), out var problem);

        problem.Should().BeNull();
        decoded!.AcknowledgedThrough.Should().Be(10);
        decoded.NextSequence.Should().Be(100);
        decoded.Acknowledged.Should().Equal(checkpoint.Acknowledged);
    }

    [Fact]
    public void Decode_EveryTruncatedPrefix_IsRejected()
    {
        var bytes = new Checkpoint(10, 100, [new SequenceRange(12, 14)]).Encode();

        for (var length = sizeof(uint); length < bytes.Length; length++)
        {
            Checkpoint.Decode(bytes.AsSpan(0, length), out var problem).Should().BeNull();
            problem.Should().NotBeNull();
        }
    }

    [Theory]
    [InlineData(100, 100, "watermark")]
    [InlineData(-1, 100, "watermark")]
    [InlineData(10, 100, "range", 5, 6)]
    [InlineData(10, 100, "range", 50, 100)]
    [InlineData(10, 100, "range", 11, 11)]
    public void Decode_Inconsistent_IsRejected(long watermark, long next, string reason, long start = 0, long end = 0)
    {
        var ranges = start == 0 ? Array.Empty<SequenceRange>() : [new SequenceRange(start, end)];
        var bytes = new Checkpoint(watermark, next, ranges).Encode();

        Checkpoint.Decode(bytes, out var problem).Should().BeNull();
        problem.Should().Contain(reason);
    }

    [Fact]
    public void Decode_RangeCountLargerThanTheFile_IsRejected()
    {
        var bytes = new Checkpoint(10, 100, []).Encode();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), int.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)));

        Checkpoint.Decode(bytes, out var problem).Should().BeNull();
        problem.Should().Contain("range count");
    }

    [Fact]
    public void Open_CheckpointPastTheEnd_DeliversNothingOldAndNumbersNewRecordsAfterIt()
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, 10);
        }

        new Checkpoint(1000, 1001, []).Save(_directory.Path, flushToDisk: null);

        using var reopened = _directory.Open();

        reopened.Depth.Should().Be(0);
        reopened.TryReadNext(out _).Should().BeFalse();
        reopened.Enqueue(QueueDirectory.Payload(1001)).Should().Be(1001);
        reopened.TryReadNext(out var record).Should().BeTrue();
        record.Sequence.Should().Be(1001);
        _directory.SegmentFiles().Should().ContainSingle("the old, acknowledged segment is deleted");
    }

    [Theory]
    [InlineData("checksum")]
    [InlineData("empty")]
    [InlineData("huge")]
    [InlineData("inconsistent")]
    public void Open_CheckpointNotToBeTrusted_DeliversEveryRecordOnDiskAgain(string damage)
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, 10);
            foreach (var record in QueueDirectory.Drain(queue).Take(5))
            {
                queue.Acknowledge(record.Sequence);
            }
        }

        switch (damage)
        {
            case "checksum":
                QueueDirectory.Overwrite(_directory.CheckpointFile, 9, [0x7F]);
                break;
            case "empty":
                File.WriteAllBytes(_directory.CheckpointFile, []);
                break;
            case "huge":
                QueueDirectory.Truncate(_directory.CheckpointFile, 10 << 20);
                break;
            default:
                File.WriteAllBytes(_directory.CheckpointFile, new Checkpoint(50, 20, []).Encode());
                break;
        }

        using var reopened = _directory.Open();

        DiskQueueHostileFileTests.AssertDelivered(reopened, Enumerable.Range(1, 10));
        reopened.CorruptRecords.Should().Be(0);
    }

    [Fact]
    public void Open_LeftoverTemporaryCheckpoint_IsDiscarded()
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, 3);
        }

        File.WriteAllBytes(Path.Combine(_directory.Path, Checkpoint.TemporaryFileName), new Checkpoint(3, 4, []).Encode());

        using var reopened = _directory.Open();

        File.Exists(Path.Combine(_directory.Path, Checkpoint.TemporaryFileName)).Should().BeFalse();
        DiskQueueHostileFileTests.AssertDelivered(reopened, [1, 2, 3]);
    }

    [Fact]
    public void Flush_ManyOutOfOrderAcknowledgements_PersistsAtMostTheCapAndStaysLoadable()
    {
        using (var queue = _directory.Open(_directory.Options(segmentBytes: 1 << 20, maxBytes: 64 << 20)))
        {
            QueueDirectory.Fill(queue, 1, (Checkpoint.MaxRanges * 2) + 10);
            for (var sequence = 2; sequence <= (Checkpoint.MaxRanges * 2) + 10; sequence += 2)
            {
                queue.Acknowledge(sequence);
            }
        }

        var checkpoint = Checkpoint.TryLoad(_directory.Path, out var problem);

        problem.Should().BeNull();
        checkpoint!.Acknowledged.Should().HaveCount(Checkpoint.MaxRanges);
        using var reopened = _directory.Open(_directory.Options(segmentBytes: 1 << 20, maxBytes: 64 << 20));
        var delivered = QueueDirectory.Drain(reopened).Select(r => r.Sequence).ToList();
        delivered.Should().Contain(Enumerable.Range(0, Checkpoint.MaxRanges + 5).Select(i => (long)((i * 2) + 1)), "every unacknowledged record is delivered");
        delivered.Should().NotContain(2).And.BeInAscendingOrder();
    }

    public void Dispose() => _directory.Dispose();
}
