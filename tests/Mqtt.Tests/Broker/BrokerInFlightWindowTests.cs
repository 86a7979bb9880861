using System.Globalization;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class BrokerInFlightWindowTests
{
    private const ushort BrokerWindow = 2;
    private const int Published = 12;

    [Fact]
    public async Task Deliver_IdentityGrantedWiderWindow_SendsUpToTheClientsReceiveMaximum()
    {
        var hooks = new TestBrokerHooks { Authenticate = c => c.ClientId == "trusted" ? MqttAuthenticationResult.Accept(c.ClientId, 1000) : MqttAuthenticationResult.Accept(c.ClientId) };
        await using var broker = await TestBroker.StartAsync(o => o.MaximumInFlightMessages = BrokerWindow, hooks);
        await using var trusted = await broker.ConnectAsync("trusted", configure: c => c with { ReceiveMaximum = 10 });
        await trusted.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);

        await PublishAsync(broker);

        // The identity's window (1000) is wider than the broker's (2); the client's Receive Maximum (10) bounds it.
        var unacknowledged = await ReceiveWithoutAcknowledgingAsync(trusted, 10);
        await trusted.ExpectNothingAsync();
        await trusted.SendAsync(new PubAckPacket { PacketId = unacknowledged[0].PacketId });
        (await trusted.ReceiveAsync<PublishPacket>()).Payload.ToArray().Should().Equal("10"u8.ToArray(), "an acknowledgement makes room for the next queued message");
    }

    [Fact]
    public async Task Deliver_OrdinaryIdentity_KeepsTheBrokersWindow()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumInFlightMessages = BrokerWindow);
        await using var ordinary = await broker.ConnectAsync("ordinary", configure: c => c with { ReceiveMaximum = 10 });
        await ordinary.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);

        await PublishAsync(broker);

        await ReceiveWithoutAcknowledgingAsync(ordinary, BrokerWindow);
        await ordinary.ExpectNothingAsync();
    }

    [Fact]
    public async Task Deliver_DefaultWindow_AThousandMessagesInFlightToAConsumerThatHasNotAcknowledgedYet()
    {
        // A consumer pausing for 100 ms at 10,000 MessageCount/s: everything is already on its way to it.
        await using var broker = await TestBroker.StartAsync();
        await using var consumer = await broker.ConnectAsync("consumer", configure: c => c with { ReceiveMaximum = ushort.MaxValue });
        await consumer.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await using var publisher = await broker.ConnectAsync("pub");
        const int MessageCount = 1000;
        for (ushort id = 1; id <= MessageCount; id++)
        {
            await publisher.PublishAsync("t", id.ToString(CultureInfo.InvariantCulture), MqttQualityOfService.AtLeastOnce, packetId: id);
        }

        var received = await ReceiveWithoutAcknowledgingAsync(consumer, MessageCount);

        consumer.ConnAck!.ReceiveMaximum.Should().Be(1024);
        received.Select(p => p.Payload.ToArray()).Last().Should().Equal("1000"u8.ToArray());
    }

    [Fact]
    public void Accept_ZeroWindow_Throws()
    {
        var accept = () => MqttAuthenticationResult.Accept("client", 0);

        accept.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static async Task PublishAsync(TestBroker broker)
    {
        await using var publisher = await broker.ConnectAsync("pub");
        for (ushort id = 1; id <= Published; id++)
        {
            await publisher.PublishAsync("t", (id - 1).ToString(CultureInfo.InvariantCulture), MqttQualityOfService.AtLeastOnce, packetId: id);
        }

        for (var i = 0; i < Published; i++)
        {
            (await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.Success);
        }
    }

    private static async Task<List<PublishPacket>> ReceiveWithoutAcknowledgingAsync(TestClient client, int count)
    {
        var received = new List<PublishPacket>();
        for (var i = 0; i < count; i++)
        {
            received.Add(await client.ReceiveAsync<PublishPacket>());
        }

        return received;
    }
}
