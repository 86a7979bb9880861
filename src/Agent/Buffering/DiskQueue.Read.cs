namespace Proxus.Agent.Buffering;

public sealed partial class DiskQueue
{
    private long _readSequence;
    private Segment? _readSegment;
    private SegmentReader? _reader;
    private QueuedRecord? _peeked;
    private TaskCompletionSource? _recordsAvailable;

    /// <summary>
    /// Hands out the next unacknowledged record after the read cursor, in sequence order, and moves the
    /// cursor past it. Records acknowledged meanwhile are passed over; damaged ones are skipped and counted.
    /// </summary>
    public bool TryReadNext(out QueuedRecord record)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!TryPeek())
            {
                record = default;
                return false;
            }

            record = _peeked!.Value;
            _peeked = null;
            _readSequence = record.Sequence;
            return true;
        }
    }

    /// <summary>
    /// Moves the read cursor back to the oldest unacknowledged record, so every record handed out and
    /// not acknowledged is handed out again (after a reconnect, when in-flight messages are lost).
    /// </summary>
    public void Rewind()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _readSequence = _acknowledgedThrough;
            _peeked = null;
            CloseReader();
            if (_recordsAvailable is not null && TryPeek())
            {
                SignalRecordsAvailable();
            }
        }
    }

    /// <summary>Completes when <see cref="TryReadNext"/> would hand out a record (at once if it would now).</summary>
    public ValueTask WaitForRecordsAsync(CancellationToken cancellationToken)
    {
        Task waiting;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (TryPeek())
            {
                return ValueTask.CompletedTask;
            }

            _recordsAvailable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = _recordsAvailable.Task;
        }

        return new ValueTask(waiting.WaitAsync(cancellationToken));
    }

    private void SignalRecordsAvailable()
    {
        var waiting = _recordsAvailable;
        _recordsAvailable = null;
        waiting?.TrySetResult();
    }

    /// <summary>Positions on the next record to hand out, reading it into <see cref="_peeked"/>.</summary>
    private bool TryPeek()
    {
        if (_peeked is { } peeked)
        {
            if (!IsAcknowledged(peeked.Sequence))
            {
                return true;
            }

            _peeked = null;
        }

        while (_readSequence < _nextSequence - 1 && (_reader is not null || OpenReader()))
        {
            var index = _segments.IndexOf(_readSegment!);
            var limit = LastSequenceOf(index) + 1;
            var previous = _reader!.LastSequence;
            var status = _reader.Read(_readSegment!.Length, limit, out var sequence, out var payload);
            switch (status)
            {
                case FrameStatus.Record or FrameStatus.CorruptRecord:
                    MarkMissingWhileReading(previous + 1, status == FrameStatus.Record ? sequence - 1 : sequence);
                    if (status == FrameStatus.Record && sequence > _readSequence && !IsAcknowledged(sequence))
                    {
                        _peeked = new QueuedRecord(sequence, payload.ToArray());
                        return true;
                    }

                    break;
                case FrameStatus.End or FrameStatus.Incomplete when index + 1 < _segments.Count:
                    // Whatever this segment should have held after its last readable record is missing.
                    MarkMissingWhileReading(_reader.LastSequence + 1, limit - 1);
                    CloseReader();
                    _readSegment = _segments[index + 1];
                    _reader = new SegmentReader(_readSegment.OpenForReading(), _readSegment.FirstSequence);
                    break;
                default:
                    // The end of the newest segment: nothing more to hand out until the next append.
                    return false;
            }
        }

        return false;
    }

    /// <summary>Opens the reader on the segment that holds the record after the cursor.</summary>
    private bool OpenReader()
    {
        if (_segments.Count == 0)
        {
            return false;
        }

        var wanted = _readSequence + 1;
        var segment = _segments.LastOrDefault(s => s.FirstSequence <= wanted) ?? _segments[0];
        _readSegment = segment;
        _reader = new SegmentReader(segment.OpenForReading(), segment.FirstSequence);
        return true;
    }

    private void CloseReader()
    {
        _reader?.Dispose();
        _reader = null;
        _readSegment = null;
    }

    /// <summary>
    /// Sequences the reader expected and did not find: those not already known missing (recovery found
    /// most) were damaged on disk since; they are counted and never handed out.
    /// </summary>
    private void MarkMissingWhileReading(long first, long last)
    {
        first = Math.Max(first, _acknowledgedThrough + 1);
        if (last < first)
        {
            return;
        }

        var missing = _acknowledged.Add(first, last);
        if (missing == 0)
        {
            return;
        }

        Interlocked.Add(ref _corrupt, missing);
        Interlocked.Add(ref _depth, -missing);
        _checkpointDirty = true;
        LogRecordsLostWhileReading(_readSegment!.Path, missing);
        AdvanceWatermark();
    }
}
