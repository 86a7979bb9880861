using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client;

/// <summary>Raised after every successful (re)connection — the place to publish a birth message again.</summary>
public sealed class MqttClientConnectedEventArgs : EventArgs
{
    public MqttClientConnectedEventArgs(ConnAckPacket connAck, bool isReconnect)
    {
        ConnAck = connAck;
        IsReconnect = isReconnect;
    }

    public ConnAckPacket ConnAck { get; }

    public bool IsReconnect { get; }
}
