using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>
/// Counters published under $SYS and as the <see cref="MqttBrokerMetrics"/> meter; updated lock-free
/// from every connection. Messages are counted per QoS (index 0..2), refusals per <see cref="MqttDenialKind"/>.
/// </summary>
internal sealed class MqttBrokerStatistics
{
    private readonly long[] _messagesReceived = new long[3];
    private readonly long[] _messagesSent = new long[3];
    private readonly long[] _denials = new long[Enum.GetValues<MqttDenialKind>().Length];
    private long _messagesDropped;
    private long _packetsReceived;
    private long _packetsSent;
    private long _bytesReceived;
    private long _bytesSent;

    public long MessagesReceived => Sum(_messagesReceived);

    public long MessagesSent => Sum(_messagesSent);

    public long MessagesDropped => Interlocked.Read(ref _messagesDropped);

    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>PUBLISH packets accepted from clients with this QoS.</summary>
    public long MessagesReceivedWith(MqttQualityOfService qos) => Interlocked.Read(ref _messagesReceived[(int)qos]);

    /// <summary>PUBLISH packets written to clients with this QoS (resends included).</summary>
    public long MessagesSentWith(MqttQualityOfService qos) => Interlocked.Read(ref _messagesSent[(int)qos]);

    public long Denials(MqttDenialKind kind) => Interlocked.Read(ref _denials[(int)kind]);

    public void AddMessageReceived(MqttQualityOfService qos) => Interlocked.Increment(ref _messagesReceived[(int)qos]);

    public void AddMessageDropped() => Interlocked.Increment(ref _messagesDropped);

    public void AddPacketReceived() => Interlocked.Increment(ref _packetsReceived);

    public void AddDenial(MqttDenialKind kind) => Interlocked.Increment(ref _denials[(int)kind]);

    public void AddPacketSent(MqttPacket packet)
    {
        Interlocked.Increment(ref _packetsSent);
        if (packet is PublishPacket publish)
        {
            Interlocked.Increment(ref _messagesSent[(int)publish.QualityOfService]);
        }
    }

    public void AddBytesReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    public void AddBytesSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    private static long Sum(long[] counters)
    {
        long total = 0;
        for (var i = 0; i < counters.Length; i++)
        {
            total += Interlocked.Read(ref counters[i]);
        }

        return total;
    }
}
