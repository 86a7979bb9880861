using Microsoft.Extensions.Logging;
using Proxus.Agent.Buffering;
using Proxus.Agent.Runtime;
using Proxus.Agent.Storage;

namespace Proxus.Agent.Uplink;

/// <summary>The uplink's queue on disk: <see cref="DiskQueue"/> in <c>{data}/buffer</c>.</summary>
public sealed class DiskUplinkQueue : IUplinkQueue, IDisposable
{
    /// <summary>The largest record: a UNS message with its topic (the uplink's record layout).</summary>
    public const int MaxRecordBytes = 1 << 20;

    private readonly DiskQueue _queue;

    private DiskUplinkQueue(DiskQueue queue)
    {
        _queue = queue;
    }

    public long Depth => _queue.Depth;

    public long Bytes => _queue.Bytes;

    public long DroppedRecords => _queue.DroppedRecords;

    public long CorruptRecords => _queue.CorruptRecords;

    /// <summary>Opens (and recovers) the queue of the data directory with the run options' bound and fsync policy.</summary>
    public static DiskUplinkQueue Open(AgentPaths paths, AgentRunOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var queue = DiskQueue.Open(
            new DiskQueueOptions
            {
                Directory = paths.BufferDirectory,
                MaxBytes = options.BufferMaxBytes,
                SegmentBytes = (int)Math.Min(16L << 20, Math.Max(DiskQueueOptions.MinSegmentBytes, options.BufferMaxBytes / 8)),
                MaxRecordBytes = MaxRecordBytes,
                Fsync = options.BufferFsyncEveryRecord ? FsyncPolicy.EveryRecord : FsyncPolicy.Interval,
                FsyncInterval = options.BufferFsyncInterval,
            },
            loggers.CreateLogger<DiskQueue>());
        return new DiskUplinkQueue(queue);
    }

    public long Enqueue(ReadOnlySpan<byte> record) => _queue.Enqueue(record);

    public long Enqueue(RecordBatch batch) => _queue.Enqueue(batch);

    public bool TryReadNext(out long sequence, out ReadOnlyMemory<byte> record)
    {
        if (_queue.TryReadNext(out var next))
        {
            sequence = next.Sequence;
            record = next.Payload;
            return true;
        }

        sequence = 0;
        record = default;
        return false;
    }

    public void Acknowledge(long sequence) => _queue.Acknowledge(sequence);

    public void Rewind() => _queue.Rewind();

    public ValueTask WaitForRecordsAsync(CancellationToken cancellationToken) => _queue.WaitForRecordsAsync(cancellationToken);

    public void Dispose() => _queue.Dispose();
}
