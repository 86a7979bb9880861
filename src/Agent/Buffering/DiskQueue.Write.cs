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
        if (record.Length > _options.MaxRecordBytes)
        {
            throw new ArgumentException($"The record is {record.Length} bytes; the queue accepts at most {_options.MaxRecordBytes}.", nameof(record));
        }

        var frameLength = RecordFrame.HeaderLength + record.Length;
        Span<byte> header = stackalloc byte[RecordFrame.HeaderLength];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_active is null || _active.Length + frameLength > _options.SegmentBytes)
            {
                StartSegment();
            }

            while (_bytes + frameLength > _options.MaxBytes && _segments.Count > 1)
            {
                DropOldestSegment();
            }

            var active = _active!;
            var sequence = _nextSequence;
            RecordFrame.WriteHeader(header, sequence, record);
            active.Append(header, record, _scratch);
            _nextSequence = sequence + 1;
            Interlocked.Add(ref _bytes, frameLength);
            Interlocked.Increment(ref _depth);
            if (_options.Fsync == FsyncPolicy.EveryRecord)
            {
                _flushToDisk(active.WriteHandle!);
            }
            else
            {
                _unflushedWrites = true;
            }

            SignalRecordsAvailable();
            return sequence;
        }
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
