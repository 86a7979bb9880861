namespace Proxus.Mqtt.Broker;

/// <summary>
/// A session's QoS 1/2 messages in flight, by packet identifier and in the order they were sent
/// (resent in that order on a new connection, MQTT 5.0 section 4.4). Every operation is O(1): a
/// window of tens of thousands of messages, acknowledged one by one, costs nothing per
/// acknowledgement (an insertion-ordered list would shift the whole window on each removal).
/// The order is kept by links inside the messages themselves (<see cref="MqttOutboundMessage.Previous"/>,
/// <see cref="MqttOutboundMessage.Next"/>): a message in flight is one object, not a message and a
/// list node, which matters because the whole window survives every young-generation collection.
/// A message is in at most one window at a time. Not thread-safe: the session's lock guards it.
/// </summary>
internal sealed class MqttInFlightMessages
{
    private readonly MqttPacketIdTable<MqttOutboundMessage> _byPacketId = new();
    private MqttOutboundMessage? _first;
    private MqttOutboundMessage? _last;

    public int Count => _byPacketId.Count;

    public bool Contains(ushort packetId) => _byPacketId.TryGetValue(packetId, out _);

    public bool TryGetValue(ushort packetId, out MqttOutboundMessage message)
    {
        if (_byPacketId.TryGetValue(packetId, out var found))
        {
            message = found;
            return true;
        }

        message = null!;
        return false;
    }

    /// <summary>Adds the message under its <see cref="MqttOutboundMessage.PacketId"/>, last in order; one already there is replaced in place.</summary>
    public void Set(MqttOutboundMessage message)
    {
        if (_byPacketId.TryGetValue(message.PacketId, out var existing))
        {
            if (ReferenceEquals(existing, message))
            {
                return;
            }

            Replace(existing, message);
            _byPacketId.Set(message.PacketId, message);
            return;
        }

        _byPacketId.Add(message.PacketId, message);
        message.Previous = _last;
        message.Next = null;
        if (_last is null)
        {
            _first = message;
        }
        else
        {
            _last.Next = message;
        }

        _last = message;
    }

    public bool Remove(ushort packetId)
    {
        if (!_byPacketId.Remove(packetId, out var message))
        {
            return false;
        }

        Unlink(message);
        return true;
    }

    public void Clear()
    {
        for (var message = _first; message is not null;)
        {
            var next = message.Next;
            message.Previous = message.Next = null;
            message = next;
        }

        _byPacketId.Clear();
        _first = _last = null;
    }

    /// <summary>The messages in the order they were sent.</summary>
    public Enumerator GetEnumerator() => new(_first);

    private void Replace(MqttOutboundMessage existing, MqttOutboundMessage replacement)
    {
        replacement.Previous = existing.Previous;
        replacement.Next = existing.Next;
        if (existing.Previous is null)
        {
            _first = replacement;
        }
        else
        {
            existing.Previous.Next = replacement;
        }

        if (existing.Next is null)
        {
            _last = replacement;
        }
        else
        {
            existing.Next.Previous = replacement;
        }

        existing.Previous = existing.Next = null;
    }

    private void Unlink(MqttOutboundMessage message)
    {
        if (message.Previous is null)
        {
            _first = message.Next;
        }
        else
        {
            message.Previous.Next = message.Next;
        }

        if (message.Next is null)
        {
            _last = message.Previous;
        }
        else
        {
            message.Next.Previous = message.Previous;
        }

        message.Previous = message.Next = null;
    }

    /// <summary>Walks the window from the oldest message; the window must not change meanwhile.</summary>
    public struct Enumerator
    {
        private MqttOutboundMessage? _next;

        internal Enumerator(MqttOutboundMessage? first)
        {
            _next = first;
            Current = null!;
        }

        public MqttOutboundMessage Current { get; private set; }

        public bool MoveNext()
        {
            if (_next is null)
            {
                return false;
            }

            Current = _next;
            _next = _next.Next;
            return true;
        }
    }
}
