namespace Proxus.Agent.Buffering;

public sealed partial class DiskQueue
{
    private const string QuarantineExtension = ".corrupt";

    /// <summary>
    /// Rebuilds the queue from the directory: the checkpoint gives the acknowledged progress, every
    /// segment that may hold unacknowledged records is read through, a torn tail on the newest segment
    /// is cut off, and every sequence that should be on disk and is not (damaged, torn, or in a
    /// deleted segment) is counted as corrupt and marked gone so the watermark can pass it.
    /// </summary>
    private void Recover()
    {
        File.Delete(Path.Combine(_directory, Checkpoint.TemporaryFileName));
        var checkpoint = Checkpoint.TryLoad(_directory, out var problem);
        if (problem is not null)
        {
            LogCheckpointIgnored(Path.Combine(_directory, Checkpoint.FileName), problem);
        }

        var segments = FindSegments();
        var watermark = checkpoint?.AcknowledgedThrough ?? (segments.Count > 0 ? segments[0].FirstSequence - 1 : 0);
        foreach (var range in checkpoint?.Acknowledged ?? [])
        {
            _acknowledged.Add(range.Start, range.End);
        }

        _acknowledgedThrough = watermark;

        // Sequences assigned before the crash are never assigned again, nor fall at or below the watermark.
        var lastAssigned = Math.Max(watermark, checkpoint is null ? 0 : checkpoint.NextSequence - 1);
        var accountedFor = watermark;
        for (var index = 0; index < segments.Count; index++)
        {
            var segment = segments[index];
            var isNewest = index == segments.Count - 1;
            var limit = isNewest ? long.MaxValue : segments[index + 1].FirstSequence;
            if (!isNewest && limit - 1 <= watermark)
            {
                // Fully acknowledged; its deletion had not happened yet.
                File.Delete(segment.Path);
                continue;
            }

            var length = ScanSegment(segment, isNewest, limit, ref accountedFor, out var torn);
            lastAssigned = Math.Max(lastAssigned, Math.Max(accountedFor, segment.FirstSequence - 1));
            if (torn)
            {
                // The torn record had the next sequence; it may have been handed out, so it is not reused.
                lastAssigned = Math.Max(lastAssigned, accountedFor + 1);
            }

            if (isNewest && length == SegmentHeader.Length)
            {
                // Holds no record: a crash right after it was created, or a torn first record.
                File.Delete(segment.Path);
                continue;
            }

            _segments.Add(Segment.Recovered(segment.Path, segment.FirstSequence, length));
            Interlocked.Add(ref _bytes, length);
        }

        MarkMissingAtRecovery(accountedFor + 1, lastAssigned, "at the end of the queue");
        _nextSequence = lastAssigned + 1;
        AdvanceWatermark();
        _readSequence = _acknowledgedThrough;
        _persistedThrough = checkpoint?.AcknowledgedThrough ?? 0;
        _checkpointedNextSequence = checkpoint?.NextSequence ?? 0;
        _checkpointDirty = checkpoint is null || _acknowledgedThrough != checkpoint.AcknowledgedThrough || _corrupt > 0;
        if (_checkpointDirty)
        {
            SaveCheckpoint(TakeCheckpoint());
            _persistedThrough = _acknowledgedThrough;
        }

        DeleteAcknowledgedSegments();
        LogOpened(_directory, Depth, _segments.Count, Bytes, _nextSequence, CorruptRecords);
    }

    /// <summary>The segment files in sequence order, with intact headers; others are set aside.</summary>
    private List<Segment> FindSegments()
    {
        var found = new List<(long First, string Path)>();
        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            if (Segment.TryParseFileName(Path.GetFileName(path), out var first))
            {
                found.Add((first, path));
            }
        }

        found.Sort((a, b) => a.First.CompareTo(b.First));
        var segments = new List<Segment>(found.Count);
        Span<byte> header = stackalloc byte[SegmentHeader.Length];
        for (var index = 0; index < found.Count; index++)
        {
            var (first, path) = found[index];
            int read;
            using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                read = RandomAccess.Read(handle, header, 0);
            }

            var status = SegmentHeader.Read(header[..read], out var headerFirst);
            if (status == SegmentHeaderStatus.UnsupportedVersion)
            {
                throw new InvalidDataException($"The queue segment {path} was written by another format version; this agent reads version {SegmentHeader.CurrentVersion} only.");
            }

            if (status == SegmentHeaderStatus.Truncated && index == found.Count - 1)
            {
                // Created by a process that died before its header was written: it never held a record.
                File.Delete(path);
                continue;
            }

            if (status != SegmentHeaderStatus.Valid || headerFirst != first)
            {
                var quarantine = path + QuarantineExtension;
                File.Move(path, quarantine, overwrite: true);
                LogSegmentQuarantined(path, status == SegmentHeaderStatus.Valid ? "its header names another first sequence" : status.ToString(), quarantine);
                continue;
            }

            segments.Add(Segment.Recovered(path, first, new FileInfo(path).Length));
        }

        return segments;
    }

    /// <summary>
    /// Reads a segment through; returns the length that belongs to the queue. Counts the pending records,
    /// marks the missing ones and moves <paramref name="accountedFor"/> to the last sequence seen.
    /// </summary>
    private long ScanSegment(Segment segment, bool isNewest, long limit, ref long accountedFor, out bool torn)
    {
        torn = false;
        using var handle = File.OpenHandle(segment.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        using var reader = new SegmentReader(handle, segment.FirstSequence);
        var length = RandomAccess.GetLength(handle);
        while (true)
        {
            var status = reader.Read(length, limit, out var sequence, out _);
            if (status is FrameStatus.End or FrameStatus.Incomplete)
            {
                break;
            }

            if (sequence <= accountedFor)
            {
                continue;
            }

            MarkMissingAtRecovery(accountedFor + 1, status == FrameStatus.Record ? sequence - 1 : sequence, segment.Path);
            if (status == FrameStatus.Record && !_acknowledged.Contains(sequence))
            {
                Interlocked.Increment(ref _depth);
            }

            accountedFor = sequence;
        }

        if (reader.Position < length && isNewest)
        {
            // A torn write: the record being appended when the process or the machine died.
            LogTornTail(segment.Path, reader.Position, length - reader.Position);
            RandomAccess.SetLength(handle, reader.Position);
            DiskFlush?.Invoke(handle);

            torn = true;
            length = reader.Position;
        }
        else if (reader.SkippedBytes > 0 || reader.Position < length)
        {
            LogGarbageSkipped(segment.Path, reader.SkippedBytes + length - reader.Position);
        }

        return length;
    }

    private void MarkMissingAtRecovery(long first, long last, string where)
    {
        if (last < first)
        {
            return;
        }

        var missing = _acknowledged.Add(first, last);
        if (missing > 0)
        {
            Interlocked.Add(ref _corrupt, missing);
            LogRecordsMissing(missing, first, last, where);
        }
    }
}
