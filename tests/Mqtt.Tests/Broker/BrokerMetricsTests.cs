using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class BrokerMetricsTests
{
    [Fact]
    public async Task Metrics_PublishesOfEachQoS_CountedByQoSInAndOut()
    {
        using var probe = new MetricsProbe();
        await using var broker = await TestBroker.StartAsync(meterFactory: probe);
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("t", MqttQualityOfService.ExactlyOnce);

        await publisher.PublishAsync("t", "a");
        await publisher.PublishAsync("t", "b", MqttQualityOfService.AtLeastOnce, packetId: 1);
        await publisher.PublishAsync("t", "c", MqttQualityOfService.AtLeastOnce, packetId: 2);
        await publisher.PublishAsync("t", "d", MqttQualityOfService.ExactlyOnce, packetId: 3);
        for (var i = 0; i < 4; i++)
        {
            await subscriber.ReceiveAsync<PublishPacket>();
        }

        var figures = probe.Collect();
        figures["proxus.mqtt.messages.received{qos=0}"].Should().Be(1);
        figures["proxus.mqtt.messages.received{qos=1}"].Should().Be(2);
        figures["proxus.mqtt.messages.received{qos=2}"].Should().Be(1);
        figures["proxus.mqtt.messages.sent{qos=0}"].Should().Be(1);
        figures["proxus.mqtt.messages.sent{qos=1}"].Should().Be(2);
        figures["proxus.mqtt.messages.sent{qos=2}"].Should().Be(1);
        figures["proxus.mqtt.connections"].Should().Be(2);
        figures["proxus.mqtt.sessions"].Should().Be(2);
        figures["proxus.mqtt.received"].Should().BeGreaterThan(0);
        figures["proxus.mqtt.sent"].Should().BeGreaterThan(0);
        figures["proxus.mqtt.packets.received"].Should().Be(5, "a SUBSCRIBE and four PUBLISHes follow the CONNECTs");
    }

    [Fact]
    public async Task Metrics_OfflinePersistentSession_QueuedAndRetainedCounted()
    {
        using var probe = new MetricsProbe();
        await using var broker = await TestBroker.StartAsync(meterFactory: probe);
        var subscriber = await broker.ConnectAsync("sub", configure: c => c with { SessionExpiryInterval = 600 });
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await subscriber.DisconnectAsync();
        await subscriber.DisposeAsync();
        await using var publisher = await broker.ConnectAsync("pub");

        for (ushort id = 1; id <= 3; id++)
        {
            await publisher.PublishAsync("t", "queued", MqttQualityOfService.AtLeastOnce, packetId: id, retain: id == 3);
            await publisher.ReceiveAsync<PubAckPacket>();
        }

        var figures = probe.Collect();
        figures["proxus.mqtt.queued_messages"].Should().Be(3);
        figures["proxus.mqtt.retained_messages"].Should().Be(1);
        figures["proxus.mqtt.connections"].Should().Be(1);
        figures["proxus.mqtt.sessions"].Should().Be(2, "the offline session is kept");
    }

    [Fact]
    public async Task Metrics_QueueFull_DroppedCounted()
    {
        using var probe = new MetricsProbe();
        await using var broker = await TestBroker.StartAsync(o => o.MaximumQueuedMessages = 1, meterFactory: probe);
        var subscriber = await broker.ConnectAsync("sub", configure: c => c with { SessionExpiryInterval = 600 });
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await subscriber.DisconnectAsync();
        await subscriber.DisposeAsync();
        await using var publisher = await broker.ConnectAsync("pub");

        for (ushort id = 1; id <= 3; id++)
        {
            await publisher.PublishAsync("t", "x", MqttQualityOfService.AtLeastOnce, packetId: id);
            await publisher.ReceiveAsync<PubAckPacket>();
        }

        var figures = probe.Collect();
        figures["proxus.mqtt.queued_messages"].Should().Be(1);
        figures["proxus.mqtt.messages.dropped"].Should().Be(2);
    }

    [Fact]
    public async Task Metrics_RefusedConnectAndAclDenials_CountedByKind()
    {
        using var probe = new MetricsProbe();
        var hooks = new TestBrokerHooks
        {
            Authenticate = c => c.ClientId == "intruder" ? MqttAuthenticationResult.Reject(MqttReasonCode.BadUserNameOrPassword) : MqttAuthenticationResult.Accept(c.ClientId),
            AuthorizePublish = c => c.Topic != "forbidden",
            AuthorizeSubscribe = c => c.TopicFilter != "secret/#",
        };
        await using var broker = await TestBroker.StartAsync(hooks: hooks, meterFactory: probe);
        await using (var intruder = broker.Open())
        {
            await intruder.SendAsync(new ConnectPacket { ClientId = "intruder" });
            await intruder.ReadUntilClosedAsync();
        }

        await using var client = await broker.ConnectAsync("c1");
        await client.PublishAsync("forbidden", "x", MqttQualityOfService.AtLeastOnce, packetId: 1);
        (await client.ReceiveAsync<PubAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
        (await client.SubscribeAsync("secret/#")).ReasonCodes.Should().Equal(MqttReasonCode.NotAuthorized);
        await client.PublishAsync("forbidden", "y", MqttQualityOfService.AtLeastOnce, packetId: 2);
        await client.ReceiveAsync<PubAckPacket>();

        var figures = probe.Collect();
        figures["proxus.mqtt.authentication.failures"].Should().Be(1);
        figures["proxus.mqtt.authorization.denials{kind=publish}"].Should().Be(2);
        figures["proxus.mqtt.authorization.denials{kind=subscribe}"].Should().Be(1);
        figures["proxus.mqtt.authorization.denials{kind=will}"].Should().Be(0);
        figures["proxus.mqtt.messages.received{qos=1}"].Should().Be(0, "refused publishes are not routed");
    }
}
