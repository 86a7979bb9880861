using Proxus.Agent.Buffering;

namespace Proxus.Agent.Uplink;

/// <summary>
/// The store-and-forward queue as the uplink uses it: append records, read them in order,
/// acknowledge each once the broker has (PUBACK), and go back to the oldest unacknowledged record
/// after a reconnect. Implemented over the disk queue (<c>Proxus.Agent.Buffering.DiskQueue</c>).
/// </summary>
public interface IUplinkQueue
{
    /// <summary>Records waiting (not yet acknowledged).</summary>
    long Depth { get; }

    /// <summary>Bytes held.</summary>
    long Bytes { get; }

    /// <summary>Records dropped by the size bound (drop-oldest) since the queue was opened.</summary>
    long DroppedRecords { get; }

    /// <summary>Records found damaged on disk and skipped.</summary>
    long CorruptRecords { get; }

    /// <summary>Appends a copy of the record (the span is not kept); returns its sequence.</summary>
    long Enqueue(ReadOnlySpan<byte> record);

    /// <summary>Appends copies of the batch's records in order, with one append; returns the sequence of the first.</summary>
    long Enqueue(RecordBatch batch);

    /// <summary>The next record not yet read since the last rewind, if any.</summary>
    bool TryReadNext(out long sequence, out ReadOnlyMemory<byte> record);

    /// <summary>The broker has the record: it may be deleted (in any order).</summary>
    void Acknowledge(long sequence);

    /// <summary>Reading continues at the oldest unacknowledged record.</summary>
    void Rewind();

    /// <summary>Completes when a record can be read.</summary>
    ValueTask WaitForRecordsAsync(CancellationToken cancellationToken);
}
