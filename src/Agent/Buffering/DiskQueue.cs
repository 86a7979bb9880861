using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Proxus.Agent.Buffering;

/// <summary>
/// The agent's store-and-forward queue: a disk-backed, append-only, segmented log of records that
/// survives a killed process and (per <see cref="FsyncPolicy"/>) a power cut. Records are handed out
/// in sequence order, acknowledged in any order, delivered again after a <see cref="Rewind"/> or a
/// restart until acknowledged, and deleted once a whole segment is acknowledged. Bounded on disk by
/// dropping the oldest segments, counted. Every member is thread-safe. See docs/agent-buffer.md.
/// </summary>
public sealed partial class DiskQueue : IDisposable
{
    private const string LockFileName = "lock";

    private readonly object _gate = new();
    private readonly object _checkpointGate = new();
    private readonly DiskQueueOptions _options;
    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly Action<SafeFileHandle> _flushToDisk;
    private readonly FileStream _lockFile;
    private readonly List<Segment> _segments = [];
    private readonly SequenceRangeSet _acknowledged = new();
    private readonly List<SafeFileHandle> _retiredHandles = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _flushLoop = Task.CompletedTask;
    private Segment? _active;
    private long _nextSequence = 1;
    private long _acknowledgedThrough;
    private long _persistedThrough;
    private long _checkpointVersion;
    private long _savedCheckpointVersion;
    private bool _checkpointDirty;
    private long _checkpointedNextSequence;
    private bool _unflushedWrites;
    private bool _directoryDirty;
    private long _depth;
    private long _bytes;
    private long _dropped;
    private long _corrupt;
    private bool _disposed;

    private DiskQueue(DiskQueueOptions options, string directory, FileStream lockFile, ILogger logger, Action<SafeFileHandle> flushToDisk)
    {
        _flushToDisk = flushToDisk;
        _options = options;
        _directory = directory;
        _lockFile = lockFile;
        _logger = logger;
    }

    /// <summary>Records enqueued and not yet acknowledged (nor dropped, nor found corrupt).</summary>
    public long Depth => Interlocked.Read(ref _depth);

    /// <summary>Bytes of segment files on disk.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Unacknowledged records dropped by the size bound since the queue was opened.</summary>
    public long DroppedRecords => Interlocked.Read(ref _dropped);

    /// <summary>Records skipped because of a bad checksum, a torn write or a missing segment since the queue was opened.</summary>
    public long CorruptRecords => Interlocked.Read(ref _corrupt);

    /// <summary>The options the queue was opened with.</summary>
    public DiskQueueOptions Options => _options;

    /// <summary>
    /// Opens (creating if needed) the queue in <see cref="DiskQueueOptions.Directory"/> and recovers
    /// it: torn tails are cut off, damaged records skipped and counted, acknowledged progress restored.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="IOException">Another queue holds the directory, or the disk failed.</exception>
    /// <exception cref="InvalidDataException">A segment was written by a newer format version.</exception>
    public static DiskQueue Open(DiskQueueOptions options, ILogger<DiskQueue>? logger = null) =>
        Open(options, logger, RandomAccess.FlushToDisk);

    /// <summary>Opens with <paramref name="flushToDisk"/> as the one call that forces a file to the disk.</summary>
    internal static DiskQueue Open(DiskQueueOptions options, ILogger<DiskQueue>? logger, Action<SafeFileHandle> flushToDisk)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var directory = Path.GetFullPath(options.Directory);
        Directory.CreateDirectory(directory);
        var lockFile = AcquireLock(directory);
        var queue = new DiskQueue(options, directory, lockFile, (ILogger?)logger ?? NullLogger.Instance, flushToDisk);
        try
        {
            queue.Recover();
        }
        catch
        {
            queue._stopping.Dispose();
            lockFile.Dispose();
            throw;
        }

        queue._flushLoop = Task.Run(() => queue.FlushLoopAsync(queue._stopping.Token));
        return queue;
    }

    /// <summary>
    /// Forces the appended records to the disk (unless the policy is <see cref="FsyncPolicy.Never"/>),
    /// persists the acknowledged progress and deletes the segments it fully covers. The queue does this
    /// by itself every <see cref="DiskQueueOptions.FsyncInterval"/> and when disposed.
    /// </summary>
    public void Flush()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
        }

        FlushCore();
    }

    /// <summary>Flushes (as <see cref="Flush"/>), closes the files and releases the directory.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _stopping.Cancel();
        _flushLoop.GetAwaiter().GetResult();
        try
        {
            FlushCore();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogFlushFailed(exception);
        }

        lock (_gate)
        {
            _active?.DetachWriteHandle()?.Dispose();
            _active = null;
            CloseReader();
            _recordsAvailable?.TrySetException(new ObjectDisposedException(nameof(DiskQueue)));
            _recordsAvailable = null;
        }

        _stopping.Dispose();
        _lockFile.Dispose();
    }

    /// <summary>The flush to use for files under the policy: none under <see cref="FsyncPolicy.Never"/>.</summary>
    private Action<SafeFileHandle>? DiskFlush => _options.Fsync == FsyncPolicy.Never ? null : _flushToDisk;

    private static FileStream AcquireLock(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new IOException($"The queue directory {directory} is in use by another queue (its lock file {path} is held).", exception);
        }
    }
}
