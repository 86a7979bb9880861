namespace Proxus.Mqtt.Broker;

/// <summary>
/// A session's QoS 1/2 messages in flight, by packet identifier and in the order they were sent
/// (resent in that order on a new connection, MQTT 5.0 section 4.4). Every operation is O(1): a
/// window of tens of thousands of messages, acknowledged one by one, costs nothing per
/// acknowledgement (an insertion-ordered list would shift the whole window on each removal).
/// Not thread-safe: the session's lock guards it.
/// </summary>
internal sealed class MqttInFlightMessages
{
    private readonly Dictionary<ushort, LinkedListNode<MqttOutboundMessage>> _byPacketId = [];
    private readonly LinkedList<MqttOutboundMessage> _inOrder = new();

    public int Count => _byPacketId.Count;

    public bool Contains(ushort packetId) => _byPacketId.ContainsKey(packetId);

    public bool TryGetValue(ushort packetId, out MqttOutboundMessage message)
    {
        if (_byPacketId.TryGetValue(packetId, out var node))
        {
            message = node.Value;
            return true;
        }

        message = null!;
        return false;
    }

    /// <summary>Adds the message under its <see cref="MqttOutboundMessage.PacketId"/>, last in order; one already there is replaced in place.</summary>
    public void Set(MqttOutboundMessage message)
    {
        if (_byPacketId.TryGetValue(message.PacketId, out var node))
        {
            node.Value = message;
        }
        else
        {
            _byPacketId.Add(message.PacketId, _inOrder.AddLast(message));
        }
    }

    public bool Remove(ushort packetId)
    {
        if (!_byPacketId.Remove(packetId, out var node))
        {
            return false;
        }

        _inOrder.Remove(node);
        return true;
    }

    public void Clear()
    {
        _byPacketId.Clear();
        _inOrder.Clear();
    }

    /// <summary>The messages in the order they were sent.</summary>
    public LinkedList<MqttOutboundMessage>.Enumerator GetEnumerator() => _inOrder.GetEnumerator();
}
