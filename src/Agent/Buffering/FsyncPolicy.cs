namespace Proxus.Agent.Buffering;

/// <summary>When the queue forces appended records from the operating system's cache to the disk.</summary>
public enum FsyncPolicy
{
    /// <summary>
    /// Every record is on the disk before <see cref="DiskQueue.Enqueue(ReadOnlySpan{byte})"/> returns: nothing acknowledged
    /// as enqueued is lost by a power cut, at the price of one flush per record.
    /// </summary>
    EveryRecord,

    /// <summary>
    /// Appended records are written to the operating system at once and flushed to the disk every
    /// <see cref="DiskQueueOptions.FsyncInterval"/>: a power cut loses at most that interval; a killed
    /// process loses nothing that was enqueued more than an interval ago.
    /// </summary>
    Interval,

    /// <summary>
    /// The queue never flushes to the disk; the operating system writes its cache back when it chooses.
    /// Records survive a killed process once they reached the operating system, not a power cut.
    /// </summary>
    Never,
}
