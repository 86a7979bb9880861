namespace Proxus.Mqtt.Formatting;

/// <summary>
/// Topic names received in PUBLISH packets, one shared string per distinct UTF-8 byte sequence,
/// looked up by the bytes themselves (an alternate key), so that a receiver that sees the same
/// topics over and over — the server's UNS consumer: one message per value, a few thousand tags —
/// neither decodes nor allocates a topic string per message. Only topics that decoded as valid MQTT
/// strings (section 1.5.4) are kept, so a hit needs no validation. Bounded: past the capacity, new
/// topics are decoded per message as without a cache. Used by one reader at a time (a connection's
/// read loop); not thread-safe.
/// </summary>
internal sealed class MqttTopicCache
{
    private readonly Dictionary<byte[], string> _topics;
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _byBytes;
    private readonly int _capacity;

    public MqttTopicCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _topics = new Dictionary<byte[], string>(ByteSequenceComparer.Instance);
        _byBytes = _topics.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Count => _topics.Count;

    /// <summary>The topic for <paramref name="utf8"/>: the shared string when seen before, else decoded (and kept while there is room).</summary>
    /// <exception cref="MqttProtocolException">Malformed Packet: ill-formed UTF-8 or U+0000.</exception>
    public string Decode(ReadOnlySpan<byte> utf8)
    {
        if (_byBytes.TryGetValue(utf8, out var topic))
        {
            return topic;
        }

        topic = MqttUtf8.Decode(utf8);
        if (_topics.Count < _capacity && topic.Length > 0)
        {
            _byBytes[utf8] = topic;
        }

        return topic;
    }

    /// <summary>Byte-wise equality, over arrays (the stored keys) and spans (the received bytes).</summary>
    private sealed class ByteSequenceComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteSequenceComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        /// <summary>Seeded per process (<see cref="HashCode"/>), so received topics cannot be chosen to collide.</summary>
        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
