namespace Proxus.Agent.Buffering;

/// <summary>Where and how a <see cref="DiskQueue"/> keeps its records; validated by <see cref="DiskQueue.Open(DiskQueueOptions, Microsoft.Extensions.Logging.ILogger{DiskQueue})"/>.</summary>
public sealed class DiskQueueOptions
{
    /// <summary>The largest record the on-disk format accepts, whatever the options say.</summary>
    public const int MaxRecordBytesLimit = RecordFrame.MaxPayloadLength;

    /// <summary>The smallest segment size accepted.</summary>
    public const int MinSegmentBytes = 4096;

    /// <summary>The directory the queue owns: its segment files, checkpoint and lock file. Created if missing.</summary>
    public required string Directory { get; init; }

    /// <summary>The bound on disk; beyond it the oldest whole segments are dropped and their records counted.</summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary>The size at which the queue starts a new segment file.</summary>
    public int SegmentBytes { get; init; } = 16 << 20;

    /// <summary>Larger records are refused by <see cref="DiskQueue.Enqueue(ReadOnlySpan{byte})"/> with an <see cref="ArgumentException"/>.</summary>
    public int MaxRecordBytes { get; init; } = 1 << 20;

    /// <summary>When appended records are forced to the disk.</summary>
    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.Interval;

    /// <summary>
    /// How often buffered records are written out (and flushed to the disk under
    /// <see cref="FsyncPolicy.Interval"/>) and the acknowledged progress is checkpointed.
    /// </summary>
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("The queue directory must be set.", nameof(Directory));
        }

        if (MaxRecordBytes is < 1 or > MaxRecordBytesLimit)
        {
            throw new ArgumentException($"MaxRecordBytes must be between 1 and {MaxRecordBytesLimit}; it is {MaxRecordBytes}.", nameof(MaxRecordBytes));
        }

        var smallestSegment = Math.Max(MinSegmentBytes, SegmentHeader.Length + RecordFrame.HeaderLength + (long)MaxRecordBytes);
        if (SegmentBytes < smallestSegment)
        {
            throw new ArgumentException($"SegmentBytes must hold the largest record with its framing: at least {smallestSegment} for MaxRecordBytes {MaxRecordBytes}; it is {SegmentBytes}.", nameof(SegmentBytes));
        }

        if (MaxBytes < 2L * SegmentBytes)
        {
            throw new ArgumentException($"MaxBytes must be at least two segments ({2L * SegmentBytes} bytes); it is {MaxBytes}.", nameof(MaxBytes));
        }

        if (!Enum.IsDefined(Fsync))
        {
            throw new ArgumentException($"Unknown fsync policy {Fsync}.", nameof(Fsync));
        }

        if (FsyncInterval < TimeSpan.FromMilliseconds(1) || FsyncInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"FsyncInterval must be between 1 ms and 1 hour; it is {FsyncInterval}.", nameof(FsyncInterval));
        }
    }
}
