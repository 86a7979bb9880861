using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>Counters published under $SYS; updated lock-free from every connection.</summary>
internal sealed class MqttBrokerStatistics
{
    private long _messagesReceived;
    private long _messagesSent;
    private long _messagesDropped;
    private long _packetsReceived;
    private long _packetsSent;
    private long _bytesReceived;
    private long _bytesSent;

    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    public long MessagesDropped => Interlocked.Read(ref _messagesDropped);

    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public void AddMessageReceived() => Interlocked.Increment(ref _messagesReceived);

    public void AddMessageDropped() => Interlocked.Increment(ref _messagesDropped);

    public void AddPacketReceived() => Interlocked.Increment(ref _packetsReceived);

    public void AddPacketSent(MqttPacket packet)
    {
        Interlocked.Increment(ref _packetsSent);
        if (packet.Type == MqttPacketType.Publish)
        {
            Interlocked.Increment(ref _messagesSent);
        }
    }

    public void AddBytesReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    public void AddBytesSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);
}
