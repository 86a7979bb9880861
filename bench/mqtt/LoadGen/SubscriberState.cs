using System.Buffers.Binary;
using System.Diagnostics;

namespace Proxus.Bench.Mqtt;

/// <summary>What one subscriber received: per-publisher sequence sets and latencies (µs).</summary>
public sealed class SubscriberState
{
    private readonly Dictionary<int, SequenceTracker> _trackers = [];

    public List<int> LatenciesMicros { get; } = new(1 << 16);

    /// <summary>When each message of <see cref="LatenciesMicros"/> was sent (Stopwatch timestamps), for the timeline.</summary>
    public List<long> SentTimestamps { get; } = new(1 << 16);

    /// <summary>Messages sent before this Stopwatch timestamp (start-up, JIT) count for delivery but not for latency.</summary>
    public long LatencyFrom { get; set; }

    public long Received { get; private set; }

    public long LastReceivedTimestamp { get; private set; }

    public long Distinct => _trackers.Values.Sum(t => t.Distinct);

    public long Duplicates => _trackers.Values.Sum(t => t.Duplicates);

    /// <summary>Payload layout: publisher (int32), sequence (int64), Stopwatch timestamp (int64), padding.</summary>
    public void Record(ReadOnlySpan<byte> payload)
    {
        var now = Stopwatch.GetTimestamp();
        var publisher = BinaryPrimitives.ReadInt32BigEndian(payload);
        var sequence = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
        var sent = BinaryPrimitives.ReadInt64BigEndian(payload[12..]);
        if (!_trackers.TryGetValue(publisher, out var tracker))
        {
            tracker = new SequenceTracker();
            _trackers.Add(publisher, tracker);
        }

        tracker.Mark(sequence);
        if (sent >= LatencyFrom)
        {
            LatenciesMicros.Add((int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(sent, now).Ticks / 10));
            SentTimestamps.Add(sent);
        }

        Received++;
        LastReceivedTimestamp = now;
    }

    public static byte[] CreatePayload(int size, int publisher, long sequence)
    {
        var payload = new byte[size];
        BinaryPrimitives.WriteInt32BigEndian(payload, publisher);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(4), sequence);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(12), Stopwatch.GetTimestamp());
        return payload;
    }
}
