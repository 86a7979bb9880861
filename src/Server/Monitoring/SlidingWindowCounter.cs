namespace Proxus.Server.Monitoring;

/// <summary>
/// Counts occurrences per key within a sliding window and says when a key reaches the threshold.
/// Only the newest <c>threshold</c> instants are kept per key, and at most <see cref="MaxKeys"/> keys
/// (stale keys first, then the least recently seen), so a flood from many sources cannot exhaust memory.
/// Not thread-safe: the alert engine evaluates events on one loop.
/// </summary>
internal sealed class SlidingWindowCounter(int threshold, TimeSpan window)
{
    public const int MaxKeys = 10_000;

    private readonly Dictionary<string, Entry> _keys = new(StringComparer.Ordinal);

    public int KeyCount => _keys.Count;

    /// <summary>Records an occurrence; true when the key has at least the threshold within the window (this one included).</summary>
    public bool Add(string key, DateTimeOffset at)
    {
        if (!_keys.TryGetValue(key, out var entry))
        {
            if (_keys.Count >= MaxKeys)
            {
                Evict(at);
            }

            entry = new Entry(Math.Min(threshold, 64));
            _keys[key] = entry;
        }

        entry.Newest = at;
        var instants = entry.Instants;
        instants.Enqueue(at);
        while (instants.Count > threshold || at - instants.Peek() >= window)
        {
            instants.Dequeue();
        }

        return instants.Count >= threshold;
    }

    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, entry) in _keys)
        {
            if (now - entry.Newest >= window)
            {
                _keys.Remove(key);
            }
        }

        if (_keys.Count >= MaxKeys)
        {
            _keys.Remove(_keys.MinBy(pair => pair.Value.Newest).Key);
        }
    }

    private sealed class Entry(int capacity)
    {
        public Queue<DateTimeOffset> Instants { get; } = new(capacity);

        public DateTimeOffset Newest { get; set; }
    }
}
