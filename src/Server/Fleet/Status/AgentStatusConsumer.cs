using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Fleet.Status;

/// <summary>
/// Feeds <see cref="AgentStatusStore"/> from <c>proxus/agents/+/status</c>: an ordinary (not
/// shared) subscription, because every server node needs every agent's status, with a clean
/// session: on every connection the broker sends the retained status of each agent, which
/// rebuilds the store.
/// </summary>
internal sealed class AgentStatusConsumer(
    AgentStatusStore store,
    MqttConsumerClientFactory factory,
    ILoggerFactory loggerFactory) : MqttConsumerService(factory, loggerFactory)
{
    /// <summary>The filter of every agent's status topic.</summary>
    public const string Filter = AgentTopics.Root + "/+/" + AgentTopics.StatusLevel;

    protected override string Role => "status";

    protected override bool PersistentSession => false;

    protected override bool ManualAcknowledgement => false;

    protected override IReadOnlyList<MqttSubscription> Subscriptions { get; } =
        [new MqttSubscription { TopicFilter = Filter, MaximumQualityOfService = MqttQualityOfService.AtLeastOnce }];

    protected override async Task ConsumeAsync(MqttClient client, CancellationToken stoppingToken)
    {
        await foreach (var message in client.Messages.ReadAllAsync(stoppingToken))
        {
            store.Apply(message.Topic, message.Payload.Span, message.Retain);
        }
    }
}
