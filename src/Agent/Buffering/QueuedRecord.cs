namespace Proxus.Agent.Buffering;

/// <summary>One record handed out by <see cref="DiskQueue.TryReadNext"/>: acknowledge it by its sequence.</summary>
/// <param name="Sequence">The record's sequence number, unique and increasing for the life of the queue directory.</param>
/// <param name="Payload">The bytes given to <see cref="DiskQueue.Enqueue(ReadOnlySpan{byte})"/>; the caller owns this copy.</param>
public readonly record struct QueuedRecord(long Sequence, ReadOnlyMemory<byte> Payload);
