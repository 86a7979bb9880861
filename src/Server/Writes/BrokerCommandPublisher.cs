using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Writes;

/// <summary>Publishes commands through the in-process broker, which queues them in the agent's session while it is offline.</summary>
internal sealed class BrokerCommandPublisher(MqttBroker broker) : ICommandPublisher
{
    public bool Publish(Guid agentId, ReadOnlyMemory<byte> envelope)
        => broker.Publish(new MqttRoutedMessage
        {
            Topic = AgentTopics.Command(agentId),
            Payload = envelope,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ContentType = "application/json",
        }) == MqttReasonCode.Success;
}
