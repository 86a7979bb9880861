using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client.Internal;

/// <summary>A SUBSCRIBE or UNSUBSCRIBE waiting for its SUBACK/UNSUBACK on one connection.</summary>
internal sealed class PendingRequest
{
    public PendingRequest(MqttPacketWithId request, MqttClientConnection connection)
    {
        Request = request;
        Connection = connection;
    }

    public MqttPacketWithId Request { get; }

    public MqttClientConnection Connection { get; }

    public TaskCompletionSource<MqttPacketWithId> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
