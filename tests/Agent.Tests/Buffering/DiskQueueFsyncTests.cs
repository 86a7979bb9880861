using Microsoft.Win32.SafeHandles;
using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

/// <summary>The policies observed through the one call the queue makes to force a file to the disk.</summary>
public sealed class DiskQueueFsyncTests : IDisposable
{
    private readonly QueueDirectory _directory = new();
    private readonly List<string> _flushed = [];

    [Fact]
    public void Enqueue_EveryRecord_FlushesTheSegmentBeforeReturning()
    {
        using var queue = Open(FsyncPolicy.EveryRecord);
        var atOpen = Count(".seg");

        for (var n = 1; n <= 5; n++)
        {
            queue.Enqueue(QueueDirectory.Payload(n));
            Count(".seg").Should().Be(atOpen + n + 1, "the new segment's header and every record are flushed");
        }
    }

    [Fact]
    public void Enqueue_EveryRecordBatch_FlushesEachSegmentOnceAfterItsRecordsAreWritten()
    {
        using var queue = Open(FsyncPolicy.EveryRecord);
        var batch = new RecordBatch();
        for (var n = 1; n <= 300; n++)
        {
            batch.Add(QueueDirectory.Payload(n));
        }

        queue.Enqueue(batch);

        var segments = _directory.SegmentFiles().Select(Path.GetFileName).ToArray();
        segments.Length.Should().BeGreaterThan(2, "the batch crosses segments");
        lock (_flushed)
        {
            _flushed.Where(path => path.EndsWith(".seg", StringComparison.Ordinal)).GroupBy(path => path)
                .Should().HaveCount(segments.Length)
                .And.AllSatisfy(flushes => flushes.Should().HaveCount(2, "its header when created, its records before the batch moves on or returns"));
        }
    }

    [Fact]
    public void Enqueue_Interval_LeavesFlushingToTheInterval()
    {
        using var queue = Open(FsyncPolicy.Interval);

        QueueDirectory.Fill(queue, 1, 5);
        Count(".seg").Should().Be(0);

        queue.Flush();
        Count(".seg").Should().Be(1);
    }

    [Fact]
    public void Flush_Interval_FlushesRetiredSegmentsToo()
    {
        using var queue = Open(FsyncPolicy.Interval);
        QueueDirectory.Fill(queue, 1, 300);
        var segments = _directory.SegmentFiles().Length;

        queue.Flush();

        Count(".seg").Should().Be(segments);
    }

    [Fact]
    public void Flush_Interval_CheckpointIsFlushedBeforeItReplacesTheOldOne()
    {
        using var queue = Open(FsyncPolicy.Interval);
        QueueDirectory.Fill(queue, 1, 3);
        queue.Acknowledge(1);

        queue.Flush();

        lock (_flushed)
        {
            _flushed.Should().Contain(path => path.EndsWith("checkpoint.tmp", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Never_FlushesNothingEvenWhenAskedOrDisposed()
    {
        var queue = Open(FsyncPolicy.Never);
        QueueDirectory.Fill(queue, 1, 300);
        queue.Acknowledge(1);

        queue.Flush();
        queue.Dispose();

        lock (_flushed)
        {
            _flushed.Should().BeEmpty();
        }

        using var reopened = _directory.Open(_directory.Options(fsync: FsyncPolicy.Never));
        reopened.Depth.Should().Be(299, "without flushes the files still reach the operating system");
    }

    public void Dispose() => _directory.Dispose();

    private DiskQueue Open(FsyncPolicy policy) => _directory.Open(_directory.Options(fsync: policy), Record);

    private void Record(SafeFileHandle handle)
    {
        var path = new FileInfo(File.ResolveLinkTarget($"/proc/self/fd/{handle.DangerousGetHandle()}", returnFinalTarget: false)?.FullName ?? "?").Name;
        lock (_flushed)
        {
            _flushed.Add(path);
        }

        RandomAccess.FlushToDisk(handle);
    }

    private int Count(string extension)
    {
        lock (_flushed)
        {
            return _flushed.Count(path => path.EndsWith(extension, StringComparison.Ordinal));
        }
    }
}
