using Proxus.Agent.Buffering;
using Proxus.Agent.Uplink;

namespace Proxus.Agent.Acquisition;

/// <summary>
/// The UNS messages of one poll chunk (or one monitored report), encoded as store-and-forward records
/// (<see cref="UplinkRecord"/>) in the disk queue's framing, so the publisher appends them all with one
/// write. One batch per poll loop, reused from chunk to chunk; not thread-safe.
/// </summary>
public sealed class UnsBatch
{
    /// <summary>Messages in the batch.</summary>
    public int Count => Records.Count;

    /// <summary>The records, in the order the messages were added.</summary>
    public RecordBatch Records { get; } = new(16 * 1024);

    /// <summary>Adds a retained message on <paramref name="topic"/> with a copy of <paramref name="payload"/>.</summary>
    /// <exception cref="ArgumentException">The topic is empty or longer than <see cref="UplinkRecord.MaxTopicBytes"/>.</exception>
    public void Add(string topic, ReadOnlySpan<byte> payload)
        => UplinkRecord.Encode(topic, payload, retain: true, Records.Add(UplinkRecord.EncodedLength(topic, payload.Length)));

    /// <summary>The message at <paramref name="index"/>, decoded; valid until the batch is changed.</summary>
    public UplinkRecord this[int index]
        => UplinkRecord.TryDecode(Records[index], out var message, out var error) ? message : throw new InvalidOperationException(error);

    /// <summary>Empties the batch, keeping its buffer.</summary>
    public void Clear() => Records.Clear();
}
