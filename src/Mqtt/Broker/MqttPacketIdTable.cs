namespace Proxus.Mqtt.Broker;

/// <summary>
/// Values by packet identifier, for a window of messages in flight: a direct-mapped table whose slot
/// is the identifier's low bits, with a dictionary for the rare identifier whose slot is taken. The
/// broker hands out identifiers in sequence, so a window of consecutive identifiers fills consecutive
/// slots without a collision, and the lookups of an acknowledgement stream walk memory in order (a
/// <see cref="Dictionary{TKey, TValue}"/> scatters them over its buckets and entries, a cache miss
/// each in a window of tens of thousands). The slots are a power of two, at least twice the entries
/// (at most 65,536: one per identifier, where nothing collides any more); they double when that no
/// longer holds and halve when an eighth is left in use. Not thread-safe.
/// </summary>
internal sealed class MqttPacketIdTable<TValue>
    where TValue : class
{
    private const int MinimumCapacity = 16;
    private const int MaximumCapacity = ushort.MaxValue + 1;

    private ushort[] _ids = new ushort[MinimumCapacity];
    private TValue?[] _values = new TValue?[MinimumCapacity];

    /// <summary>The entries whose slot another identifier holds.</summary>
    private Dictionary<ushort, TValue>? _collided;

    public int Count { get; private set; }

    /// <summary>The number of slots (for tests of growth and shrinking).</summary>
    internal int Capacity => _values.Length;

    public bool TryGetValue(ushort packetId, out TValue value)
    {
        var slot = packetId & (_values.Length - 1);
        if (_values[slot] is { } found && _ids[slot] == packetId)
        {
            value = found;
            return true;
        }

        if (_collided is not null && _collided.TryGetValue(packetId, out var collided))
        {
            value = collided;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>Adds or replaces the value under <paramref name="packetId"/>.</summary>
    public void Set(ushort packetId, TValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slot = packetId & (_values.Length - 1);
        if (_values[slot] is not null && _ids[slot] == packetId)
        {
            _values[slot] = value;
        }
        else if (_collided is not null && _collided.ContainsKey(packetId))
        {
            _collided[packetId] = value;
        }
        else
        {
            Add(packetId, value);
        }
    }

    /// <summary>Adds a value under a <paramref name="packetId"/> known to be absent.</summary>
    public void Add(ushort packetId, TValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if ((Count + 1) * 2 > _values.Length && _values.Length < MaximumCapacity)
        {
            Resize(_values.Length * 2);
        }

        Place(packetId, value);
        Count++;
    }

    public bool Remove(ushort packetId, out TValue value)
    {
        var slot = packetId & (_values.Length - 1);
        if (_values[slot] is { } found && _ids[slot] == packetId)
        {
            value = found;
            _values[slot] = null;
        }
        else if (_collided is null || !_collided.Remove(packetId, out value!))
        {
            value = null!;
            return false;
        }

        Count--;
        if (_values.Length > MinimumCapacity && Count * 8 < _values.Length)
        {
            Resize(_values.Length / 2);
        }

        return true;
    }

    public void Clear()
    {
        _ids = new ushort[MinimumCapacity];
        _values = new TValue?[MinimumCapacity];
        _collided = null;
        Count = 0;
    }

    private void Place(ushort packetId, TValue value)
    {
        var slot = packetId & (_values.Length - 1);
        if (_values[slot] is null)
        {
            _ids[slot] = packetId;
            _values[slot] = value;
        }
        else
        {
            (_collided ??= []).Add(packetId, value);
        }
    }

    private void Resize(int capacity)
    {
        var (ids, values, collided) = (_ids, _values, _collided);
        _ids = new ushort[capacity];
        _values = new TValue?[capacity];
        _collided = null;
        for (var slot = 0; slot < values.Length; slot++)
        {
            if (values[slot] is { } value)
            {
                Place(ids[slot], value);
            }
        }

        if (collided is not null)
        {
            foreach (var (packetId, value) in collided)
            {
                Place(packetId, value);
            }
        }
    }
}
