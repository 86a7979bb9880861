using Microsoft.Win32.SafeHandles;

namespace Proxus.Agent.Buffering;

public sealed partial class DiskQueue
{
    /// <summary>
    /// Records that the broker acknowledged the record with this sequence. Acknowledgements may arrive in
    /// any order and more than once; one for a record already acknowledged or gone is ignored, as is any
    /// acknowledgement after <see cref="Dispose"/> (the record is delivered again after a restart). The
    /// progress is persisted within <see cref="DiskQueueOptions.FsyncInterval"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No record with this sequence was ever enqueued.</exception>
    public void Acknowledge(long sequence)
    {
        lock (_gate)
        {
            if (_disposed || sequence <= _acknowledgedThrough)
            {
                return;
            }

            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sequence, _nextSequence);
            if (_acknowledged.Add(sequence, sequence) == 0)
            {
                return;
            }

            Interlocked.Decrement(ref _depth);
            _checkpointDirty = true;
            AdvanceWatermark();
        }
    }

    /// <summary>Moves the watermark over every acknowledged (or known missing) sequence right after it.</summary>
    private void AdvanceWatermark()
    {
        while (_acknowledged.TryTakeFirst(_acknowledgedThrough + 1, out var end))
        {
            _acknowledgedThrough = end;
        }
    }

    /// <summary>Treats every sequence up to <paramref name="sequence"/> as gone (dropped by the bound).</summary>
    private void MoveWatermarkTo(long sequence)
    {
        if (sequence <= _acknowledgedThrough)
        {
            return;
        }

        _acknowledgedThrough = sequence;
        _acknowledged.RemoveThrough(sequence);
        AdvanceWatermark();
        _checkpointDirty = true;
        if (_readSequence < _acknowledgedThrough)
        {
            _readSequence = _acknowledgedThrough;
        }

        if (_peeked is { } peeked && peeked.Sequence <= _acknowledgedThrough)
        {
            _peeked = null;
        }
    }

    private bool IsAcknowledged(long sequence) => sequence <= _acknowledgedThrough || _acknowledged.Contains(sequence);

    private Checkpoint TakeCheckpoint()
    {
        _checkpointDirty = false;
        _checkpointedNextSequence = _nextSequence;
        var ranges = _acknowledged.Ranges;
        var persisted = ranges.Count <= Checkpoint.MaxRanges ? [.. ranges] : ranges.Take(Checkpoint.MaxRanges).ToArray();
        return new Checkpoint(_acknowledgedThrough, _nextSequence, persisted) { Version = ++_checkpointVersion };
    }

    /// <summary>Writes a checkpoint unless a newer one is already on disk (snapshots are taken under the main lock, written outside it).</summary>
    private void SaveCheckpoint(Checkpoint checkpoint)
    {
        lock (_checkpointGate)
        {
            if (checkpoint.Version <= _savedCheckpointVersion)
            {
                return;
            }

            checkpoint.Save(_directory, DiskFlush);
            _savedCheckpointVersion = checkpoint.Version;
        }
    }

    /// <summary>Deletes, oldest first, the segments whose every sequence is covered by the persisted watermark.</summary>
    private void DeleteAcknowledgedSegments()
    {
        while (_segments.Count > 0 && !ReferenceEquals(_segments[0], _active) && LastSequenceOf(0) <= _persistedThrough)
        {
            DeleteFrontSegment();
        }
    }

    /// <summary>The last sequence segment <paramref name="index"/> may hold: up to the next segment's first.</summary>
    private long LastSequenceOf(int index) =>
        (index + 1 < _segments.Count ? _segments[index + 1].FirstSequence : _nextSequence) - 1;

    private async Task FlushLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.FsyncInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    FlushCore();
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    LogFlushFailed(exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the final flush runs in Dispose.
        }
    }

    /// <summary>
    /// One flush: the appending segment and any retired ones to the disk (Interval), then the checkpoint,
    /// then the deletion of the segments it covers. The slow calls run outside the main lock, so
    /// producers keep appending meanwhile.
    /// </summary>
    private void FlushCore()
    {
        SafeFileHandle? active = null;
        SafeFileHandle[] retired;
        bool directory;
        Checkpoint? checkpoint = null;
        lock (_gate)
        {
            if (_unflushedWrites && _options.Fsync == FsyncPolicy.Interval)
            {
                active = _active?.WriteHandle;
                _unflushedWrites = false;
            }

            retired = [.. _retiredHandles];
            _retiredHandles.Clear();
            directory = _directoryDirty;
            _directoryDirty = false;
            // Also when only records were appended: the next sequence it records keeps sequences from
            // being reused even if the newest segment is lost.
            if (_checkpointDirty || _nextSequence != _checkpointedNextSequence)
            {
                checkpoint = TakeCheckpoint();
            }
        }

        try
        {
            foreach (var handle in retired)
            {
                _flushToDisk(handle);
            }

            FlushActive(active);
            if (directory)
            {
                DirectorySync.Flush(_directory);
            }
        }
        catch (IOException)
        {
            lock (_gate)
            {
                _unflushedWrites |= active is not null;
                _directoryDirty |= directory;
            }

            throw;
        }
        finally
        {
            foreach (var handle in retired)
            {
                handle.Dispose();
            }
        }

        if (checkpoint is not null)
        {
            SaveCheckpoint(checkpoint);
            lock (_gate)
            {
                _persistedThrough = Math.Max(_persistedThrough, checkpoint.AcknowledgedThrough);
                DeleteAcknowledgedSegments();
            }
        }
    }

    private void FlushActive(SafeFileHandle? handle)
    {
        if (handle is null)
        {
            return;
        }

        try
        {
            _flushToDisk(handle);
        }
        catch (ObjectDisposedException)
        {
            // The segment was retired meanwhile: its handle went to the retired list, flushed there.
        }
    }
}
