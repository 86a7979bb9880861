using System.Buffers.Binary;
using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

/// <summary>Recovery from damaged files: never a crash, never garbage handed out, every loss counted.</summary>
public sealed class DiskQueueHostileFileTests : IDisposable
{
    private readonly QueueDirectory _directory = new();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(-1)]
    public void Open_TornFinalRecord_CutsItOffCountsItAndKeepsTheRest(int keptBytesOfLastFrame)
    {
        var segment = FillOneSegment(10);
        var last = SegmentFiles.Frames(segment)[^1];
        var kept = keptBytesOfLastFrame > 0 ? keptBytesOfLastFrame : last.Length + keptBytesOfLastFrame;
        QueueDirectory.Truncate(segment, last.Offset + kept);

        using var queue = _directory.Open();

        new FileInfo(segment).Length.Should().Be(last.Offset, "the torn frame is cut off");
        AssertDelivered(queue, Enumerable.Range(1, 9));
        queue.CorruptRecords.Should().Be(1);
        queue.Enqueue(QueueDirectory.Payload(11)).Should().Be(11, "the torn record's sequence is not reused");
    }

    [Fact]
    public void Open_GarbageAfterTheLastRecord_IsCutOff()
    {
        var segment = FillOneSegment(10);
        var length = new FileInfo(segment).Length;
        using (var stream = new FileStream(segment, FileMode.Append))
        {
            stream.Write(Enumerable.Range(0, 3000).Select(i => (byte)(i * 13)).ToArray());
        }

        using var queue = _directory.Open();

        new FileInfo(segment).Length.Should().Be(length);
        AssertDelivered(queue, Enumerable.Range(1, 10));
    }

    [Fact]
    public void Open_ZeroFilledTail_IsCutOff()
    {
        var segment = FillOneSegment(10);
        var length = new FileInfo(segment).Length;
        QueueDirectory.Truncate(segment, length + 8192);

        using var queue = _directory.Open();

        new FileInfo(segment).Length.Should().Be(length);
        AssertDelivered(queue, Enumerable.Range(1, 10));
    }

    [Fact]
    public void Open_PayloadByteFlippedInTheMiddle_SkipsThatRecordAndCountsItOnce()
    {
        var segment = FillOneSegment(10);
        var frame = SegmentFiles.Frames(segment)[4];
        QueueDirectory.Overwrite(segment, frame.Offset + SegmentFiles.FrameHeaderLength + 3, "X"u8);

        using (var queue = _directory.Open())
        {
            queue.CorruptRecords.Should().Be(1);
            AssertDelivered(queue, Enumerable.Range(1, 10).Where(n => n != 5));
        }

        using var reopened = _directory.Open();
        reopened.CorruptRecords.Should().Be(0, "the loss was recorded in the checkpoint");
        AssertDelivered(reopened, Enumerable.Range(1, 10).Where(n => n != 5));
    }

    [Fact]
    public void Open_HeaderDamagedInTheMiddle_ResynchronizesAtTheNextRecord()
    {
        var segment = FillOneSegment(10);
        var frame = SegmentFiles.Frames(segment)[4];
        QueueDirectory.Overwrite(segment, frame.Offset + 9, [0xFF, 0xFF]);

        using var queue = _directory.Open();

        queue.CorruptRecords.Should().Be(1);
        AssertDelivered(queue, Enumerable.Range(1, 10).Where(n => n != 5));
    }

    [Fact]
    public void Open_GarbageOverSeveralRecords_SkipsExactlyThose()
    {
        var segment = FillOneSegment(10);
        var frames = SegmentFiles.Frames(segment);
        var from = frames[2].Offset + 10;
        var to = frames[6].Offset + 30;
        QueueDirectory.Overwrite(segment, from, Enumerable.Repeat((byte)0xAA, (int)(to - from)).ToArray());

        using var queue = _directory.Open();

        queue.CorruptRecords.Should().Be(5);
        AssertDelivered(queue, [1, 2, 8, 9, 10]);
    }

    [Fact]
    public void Open_FrameHeaderWithValidChecksumAndHugeLength_IsNotTrustedNorAllocated()
    {
        var segment = FillOneSegment(10);
        var last = SegmentFiles.Frames(segment)[^1];
        var header = File.ReadAllBytes(segment).AsSpan((int)last.Offset, SegmentFiles.FrameHeaderLength).ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 60 << 20);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), Crc32C.Compute(header.AsSpan(0, 20)));
        QueueDirectory.Overwrite(segment, last.Offset, header);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        using var queue = _directory.Open();
        var records = QueueDirectory.Drain(queue);

        (GC.GetAllocatedBytesForCurrentThread() - allocated).Should().BeLessThan(8 << 20);
        records.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, 9).Select(i => (long)i));
        queue.CorruptRecords.Should().Be(1);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    [InlineData((64 << 20) + 1)]
    public void Open_FrameLengthBeyondTheFormatCap_IsRejectedBeforeReading(int length)
    {
        var segment = FillOneSegment(3);
        var first = SegmentFiles.Frames(segment)[0];
        var header = File.ReadAllBytes(segment).AsSpan((int)first.Offset, SegmentFiles.FrameHeaderLength).ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), Crc32C.Compute(header.AsSpan(0, 20)));
        QueueDirectory.Overwrite(segment, first.Offset, header);

        using var queue = _directory.Open();

        AssertDelivered(queue, [2, 3]);
        queue.CorruptRecords.Should().Be(1);
    }

    [Fact]
    public void Open_SegmentWithWrongMagic_IsSetAsideAndItsRecordsCounted()
    {
        var segments = FillSegments(300);
        var damaged = segments[1];
        var lost = SegmentFiles.Frames(damaged).Count;
        QueueDirectory.Overwrite(damaged, 0, "JUNK"u8);

        using var queue = _directory.Open();

        File.Exists(damaged + ".corrupt").Should().BeTrue();
        File.Exists(damaged).Should().BeFalse();
        queue.CorruptRecords.Should().Be(lost);
        var first = SegmentFiles.FirstSequence(damaged);
        AssertDelivered(queue, Enumerable.Range(1, 300).Where(n => n < first || n >= first + lost));
    }

    [Fact]
    public void Open_SegmentHeaderNamingAnotherSequence_IsSetAside()
    {
        var segments = FillSegments(300);
        var header = File.ReadAllBytes(segments[0])[..SegmentFiles.HeaderLength];
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), 999);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), Crc32C.Compute(header.AsSpan(0, 16)));
        QueueDirectory.Overwrite(segments[0], 0, header);

        using var queue = _directory.Open();

        File.Exists(segments[0] + ".corrupt").Should().BeTrue();
        QueueDirectory.Drain(queue).Should().AllSatisfy(r => r.Payload.ToArray().Should().Equal(QueueDirectory.Payload(r.Sequence)));
    }

    [Fact]
    public void Open_SegmentFromANewerFormat_ThrowsAndReleasesTheDirectory()
    {
        var segment = FillOneSegment(3);
        var header = File.ReadAllBytes(segment)[..SegmentFiles.HeaderLength];
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), Crc32C.Compute(header.AsSpan(0, 16)));
        QueueDirectory.Overwrite(segment, 0, header);

        var open = () => _directory.Open();

        open.Should().Throw<InvalidDataException>().WithMessage("*version*");
        File.Exists(segment).Should().BeTrue("data of another version is never destroyed");
        File.Delete(segment);
        using var queue = _directory.Open();
    }

    [Fact]
    public void Open_MiddleSegmentMissing_DeliversTheOthersAndCountsTheLoss()
    {
        var segments = FillSegments(300);
        var lost = SegmentFiles.Frames(segments[2]).Count;
        var first = SegmentFiles.FirstSequence(segments[2]);
        File.Delete(segments[2]);

        using var queue = _directory.Open();

        queue.CorruptRecords.Should().Be(lost);
        AssertDelivered(queue, Enumerable.Range(1, 300).Where(n => n < first || n >= first + lost));
    }

    [Fact]
    public void Open_FirstAndLastSegmentsMissing_CountsBothLosses()
    {
        var segments = FillSegments(300);
        var lostFirst = SegmentFiles.Frames(segments[0]).Count;
        var lastFirst = SegmentFiles.FirstSequence(segments[^1]);
        File.Delete(segments[0]);
        File.Delete(segments[^1]);

        using var queue = _directory.Open();

        queue.CorruptRecords.Should().Be(lostFirst + (300 - lastFirst + 1));
        AssertDelivered(queue, Enumerable.Range(lostFirst + 1, (int)(lastFirst - lostFirst - 1)));
        queue.Enqueue(QueueDirectory.Payload(301)).Should().Be(301);
    }

    [Fact]
    public void Open_MiddleSegmentTruncated_CountsItsLostTail()
    {
        var segments = FillSegments(300);
        var frames = SegmentFiles.Frames(segments[1]);
        var first = SegmentFiles.FirstSequence(segments[1]);
        QueueDirectory.Truncate(segments[1], frames[3].Offset + 5);

        using var queue = _directory.Open();

        queue.CorruptRecords.Should().Be(frames.Count - 3);
        AssertDelivered(queue, Enumerable.Range(1, 300).Where(n => n < first + 3 || n >= first + frames.Count));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(20)]
    public void Open_NewestSegmentWithoutRecords_IsDeletedAndTheSequenceContinues(int length)
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, 5);
        }

        var empty = Path.Combine(_directory.Path, "0000000000000000006.seg");
        File.WriteAllBytes(empty, File.ReadAllBytes(_directory.SegmentFiles()[0]).AsSpan(0, SegmentFiles.HeaderLength).ToArray());
        var header = File.ReadAllBytes(empty);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), Crc32C.Compute(header.AsSpan(0, 16)));
        File.WriteAllBytes(empty, header.AsSpan(0, length).ToArray());

        using var reopened = _directory.Open();

        File.Exists(empty).Should().BeFalse();
        reopened.CorruptRecords.Should().Be(0);
        AssertDelivered(reopened, Enumerable.Range(1, 5));
        reopened.Enqueue(QueueDirectory.Payload(6)).Should().Be(6);
    }

    [Fact]
    public void Open_UnrelatedFiles_AreLeftAlone()
    {
        FillOneSegment(3);
        File.WriteAllText(Path.Combine(_directory.Path, "notes.txt"), "hello");
        File.WriteAllText(Path.Combine(_directory.Path, "12.seg"), "not a segment name");

        using var queue = _directory.Open();

        AssertDelivered(queue, [1, 2, 3]);
        File.Exists(Path.Combine(_directory.Path, "12.seg")).Should().BeTrue();
    }

    public void Dispose() => _directory.Dispose();

    internal static void AssertDelivered(DiskQueue queue, IEnumerable<int> expected)
    {
        var records = QueueDirectory.Drain(queue);
        records.Select(r => r.Sequence).Should().Equal(expected.Select(n => (long)n));
        records.Should().AllSatisfy(r => r.Payload.ToArray().Should().Equal(QueueDirectory.Payload(r.Sequence)));
        queue.Depth.Should().Be(records.Count);
    }

    /// <summary>Enqueues records into one segment and closes the queue; returns the segment's path.</summary>
    private string FillOneSegment(int count)
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, count);
        }

        return _directory.SegmentFiles().Should().ContainSingle().Subject;
    }

    private string[] FillSegments(int count)
    {
        using (var queue = _directory.Open())
        {
            QueueDirectory.Fill(queue, 1, count);
        }

        var segments = _directory.SegmentFiles();
        segments.Should().HaveCountGreaterThan(4);
        return segments;
    }
}
