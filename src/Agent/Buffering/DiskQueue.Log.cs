using Microsoft.Extensions.Logging;

namespace Proxus.Agent.Buffering;

public sealed partial class DiskQueue
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Store-and-forward queue {Directory} opened: {Depth} records pending in {Segments} segments ({Bytes} bytes), next sequence {NextSequence}, {Corrupt} records lost to damage")]
    private partial void LogOpened(string directory, long depth, int segments, long bytes, long nextSequence, long corrupt);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Queue checkpoint {Path} ignored because {Problem}: every record on disk will be delivered again")]
    private partial void LogCheckpointIgnored(string path, string problem);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Torn write at the end of queue segment {Path}: cut off {Bytes} bytes at offset {Offset}")]
    private partial void LogTornTail(string path, long offset, long bytes);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "Queue segment {Path} holds {Bytes} damaged bytes; the records in them are skipped")]
    private partial void LogGarbageSkipped(string path, long bytes);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "{Count} queued records lost to damage (sequences {First} to {Last}, {Where})")]
    private partial void LogRecordsMissing(long count, long first, long last, string where);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Error, Message = "Queue file {Path} is not a valid segment ({Reason}); moved aside to {Quarantine}")]
    private partial void LogSegmentQuarantined(string path, string reason, string quarantine);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Warning, Message = "Queue reached its bound of {MaxBytes} bytes: dropped the oldest segment {Path} with {Count} unacknowledged records")]
    private partial void LogSegmentDropped(long maxBytes, string path, long count);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Error, Message = "Flushing the queue to the disk failed; retrying at the next interval")]
    private partial void LogFlushFailed(Exception exception);

    [LoggerMessage(EventId = 7108, Level = LogLevel.Error, Message = "Queue segment {Path} was damaged after it was written: {Count} records skipped")]
    private partial void LogRecordsLostWhileReading(string path, long count);
}
