using Proxus.Interop.Tests.Mqtt.Client.Support;
using Proxus.Interop.Tests.Mqtt.Support;

namespace Proxus.Interop.Tests.Mqtt.Client;

/// <summary>The randomized delivery acceptance test (issue 2) with our client against mosquitto and against our broker.</summary>
public sealed class RandomizedDeliveryTests
{
    [Fact]
    public async Task RandomizedDelivery_Mosquitto_QoS1AtLeastOnceQoS2ExactlyOnceInOrder()
    {
        // Unlimited queues: a broker that drops for lack of room would fail the test for the wrong reason.
        await using var broker = await MosquittoBroker.StartAsync(extraConfiguration: "max_queued_messages 0");

        await new RandomizedDeliveryScenario { Broker = broker.Uri }.RunAsync();
    }

    [Fact]
    public async Task RandomizedDelivery_ProxusBroker_QoS1AtLeastOnceQoS2ExactlyOnceInOrder()
    {
        await using var broker = await BrokerHost.StartAsync(options => options.MaximumQueuedMessages = 100_000);

        await new RandomizedDeliveryScenario { Broker = new Uri($"mqtt://127.0.0.1:{broker.MqttPort}") }.RunAsync();
    }
}
