namespace Proxus.Agent.Buffering;

public sealed partial class DiskQueue
{
    /// <summary>
    /// Appends a record and returns its sequence number (increasing, never reused while the directory
    /// lives). The record reaches the operating system before this returns, and the disk too under
    /// <see cref="FsyncPolicy.EveryRecord"/>. When the queue would exceed
    /// <see cref="DiskQueueOptions.MaxBytes"/>, its oldest segments are dropped first.
    /// </summary>
    /// <exception cref="ArgumentException">The record is larger than <see cref="DiskQueueOptions.MaxRecordBytes"/>.</exception>
    /// <exception cref="IOException">
    /// The disk refused the write: nothing was enqueued. Or, under <see cref="FsyncPolicy.EveryRecord"/>,
    /// it refused the flush: the record is queued, its durability unknown.
    /// </exception>
    public long Enqueue(ReadOnlySpan<byte> record)
    {
        CheckRecordLength(record.Length, nameof(record));
        var batch = new RecordBatch(RecordFrame.HeaderLength + record.Length);
        batch.Add(record);
        return Enqueue(batch);
    }

    /// <summary>
    /// Appends the records of <paramref name="batch"/> in order, with one write per segment they fall
    /// in (one write, unless the batch crosses into a new segment), and returns the sequence of the
    /// first; the others follow it without a gap. Every record is framed and checksummed on its own, as
    /// <see cref="Enqueue(ReadOnlySpan{byte})"/> frames it, and reaches the operating system before this
    /// returns (the disk too under <see cref="FsyncPolicy.EveryRecord"/>, with one flush per write).
    /// The batch is left as it was, its headers filled in. An empty batch enqueues nothing and returns 0.
    /// </summary>
    /// <exception cref="ArgumentException">A record is larger than <see cref="DiskQueueOptions.MaxRecordBytes"/>: nothing was enqueued.</exception>
    /// <exception cref="IOException">
    /// The disk refused a write: the records of the writes before it (those that fell in an earlier
    /// segment) are queued, the rest are not. Or, under <see cref="FsyncPolicy.EveryRecord"/>, it
    /// refused the flush: the records are queued, their durability unknown.
    /// </exception>
    public long Enqueue(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var i = 0; i < batch.Count; i++)
        {
            CheckRecordLength(batch.PayloadLength(i), nameof(batch));
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var firstSequence = _nextSequence;
            var appended = 0;
            while (appended < batch.Count)
            {
                appended += AppendRun(batch, appended);
                if (_options.Fsync == FsyncPolicy.EveryRecord)
                {
                    // Once per segment written: a segment the batch fills is retired (closed) by the next run.
                    _flushToDisk(_active!.WriteHandle!);
                }
                else
                {
                    _unflushedWrites = true;
                }
            }

            SignalRecordsAvailable();
            return firstSequence;
        }
    }

    private void CheckRecordLength(int length, string parameter)
    {
        if (length > _options.MaxRecordBytes)
        {
            throw new ArgumentException($"The record is {length} bytes; the queue accepts at most {_options.MaxRecordBytes}.", parameter);
        }
    }

    /// <summary>
    /// Appends, with one write, the records from <paramref name="first"/> that fit in the active segment
    /// (at least one: a new segment is started for it when needed); returns how many. The queue's
    /// counters move only once the write succeeded; a partial write is overwritten by the next attempt.
    /// </summary>
    private int AppendRun(RecordBatch batch, int first)
    {
        var frameLength = batch.FrameLength(first);
        if (_active is null || _active.Length + frameLength > _options.SegmentBytes)
        {
            StartSegment();
        }

        var active = _active!;
        var count = 1;
        long bytes = frameLength;
        while (first + count < batch.Count && active.Length + bytes + batch.FrameLength(first + count) <= _options.SegmentBytes)
        {
            bytes += batch.FrameLength(first + count);
            count++;
        }

        while (_bytes + bytes > _options.MaxBytes && _segments.Count > 1)
        {
            DropOldestSegment();
        }

        batch.WriteHeaders(first, count, _nextSequence);
        active.Append(batch.Frames(first, count));
        _nextSequence += count;
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Add(ref _depth, count);
        return count;
    }

    /// <summary>Starts a new segment; under Interval the retired one is flushed to the disk and closed by the next flush.</summary>
    private void StartSegment()
    {
        var segment = Segment.Create(_directory, _nextSequence, _options.Fsync == FsyncPolicy.EveryRecord ? _flushToDisk : null);
        if (_active?.DetachWriteHandle() is { } retired)
        {
            if (_options.Fsync == FsyncPolicy.Interval)
            {
                _retiredHandles.Add(retired);
            }
            else
            {
                retired.Dispose();
            }
        }

        _unflushedWrites = false;
        _directoryDirty = _options.Fsync == FsyncPolicy.Interval;
        _segments.Add(segment);
        _active = segment;
        Interlocked.Add(ref _bytes, segment.Length);
    }

    /// <summary>
    /// Drops the oldest segment to honour the size bound: its unacknowledged records are counted and
    /// the watermark moves past them; the checkpoint saying so is written before the file is deleted,
    /// so a restart neither redelivers them nor mistakes them for missing.
    /// </summary>
    private void DropOldestSegment()
    {
        var oldest = _segments[0];
        var last = _segments[1].FirstSequence - 1;
        var from = Math.Max(_acknowledgedThrough + 1, oldest.FirstSequence);
        var lost = last < from ? 0 : last - from + 1 - _acknowledged.CountWithin(from, last);
        Interlocked.Add(ref _dropped, lost);
        Interlocked.Add(ref _depth, -lost);
        LogSegmentDropped(_options.MaxBytes, oldest.Path, lost);
        MoveWatermarkTo(last);
        SaveCheckpoint(TakeCheckpoint());
        _persistedThrough = Math.Max(_persistedThrough, _acknowledgedThrough);
        DeleteFrontSegment();
    }

    private void DeleteFrontSegment()
    {
        var segment = _segments[0];
        if (ReferenceEquals(segment, _readSegment))
        {
            CloseReader();
        }

        _segments.RemoveAt(0);
        Interlocked.Add(ref _bytes, -segment.Length);
        File.Delete(segment.Path);
    }
}
