using System.Text;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class BrokerRetainTests
{
    [Fact]
    public async Task Retained_SentOnSubscribeWithRetainFlag()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await broker.ConnectAsync("pub");
        await publisher.PublishAsync("plant/temp", "72.4", MqttQualityOfService.AtLeastOnce, packetId: 1, retain: true);
        await publisher.ReceiveAsync<PubAckPacket>();
        await using var subscriber = await broker.ConnectAsync("sub");

        await subscriber.SubscribeAsync("plant/#", MqttQualityOfService.AtLeastOnce);

        var publish = await subscriber.ReceiveAsync<PublishPacket>();
        publish.Retain.Should().BeTrue();
        publish.QualityOfService.Should().Be(MqttQualityOfService.AtLeastOnce);
        Encoding.UTF8.GetString(publish.Payload.Span).Should().Be("72.4");
        broker.Broker.RetainedMessageCount.Should().Be(1);
    }

    [Fact]
    public async Task Retained_EmptyPayload_ClearsRetainedMessage()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await broker.ConnectAsync("pub");
        await publisher.PublishAsync("t", "v", MqttQualityOfService.AtLeastOnce, packetId: 1, retain: true);
        await publisher.ReceiveAsync<PubAckPacket>();

        await publisher.PublishAsync("t", string.Empty, MqttQualityOfService.AtLeastOnce, packetId: 2, retain: true);
        await publisher.ReceiveAsync<PubAckPacket>();

        broker.Broker.RetainedMessageCount.Should().Be(0);
        await using var subscriber = await broker.ConnectAsync("sub");
        await subscriber.SubscribeAsync("t");
        await subscriber.ExpectNothingAsync();
    }

    [Fact]
    public async Task Retained_LiveDelivery_RetainFlagClearedUnlessRetainAsPublished()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var plain = await broker.ConnectAsync("plain");
        await using var asPublished = await broker.ConnectAsync("rap");
        await plain.SubscribeAsync("t");
        await asPublished.SubscribeAsync("t", configure: s => s with { RetainAsPublished = true });
        await using var publisher = await broker.ConnectAsync("pub");

        await publisher.PublishAsync("t", "v", retain: true);

        (await plain.ReceiveAsync<PublishPacket>()).Retain.Should().BeFalse();
        (await asPublished.ReceiveAsync<PublishPacket>()).Retain.Should().BeTrue();
    }

    [Fact]
    public async Task Retained_RetainHandling1_SentOnlyForNewSubscription()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await broker.ConnectAsync("pub");
        await publisher.PublishAsync("t", "v", MqttQualityOfService.AtLeastOnce, packetId: 1, retain: true);
        await publisher.ReceiveAsync<PubAckPacket>();
        await using var subscriber = await broker.ConnectAsync("sub");

        await subscriber.SubscribeAsync("t", packetId: 1, configure: s => s with { RetainHandling = MqttRetainHandling.SendAtSubscribeIfNew });
        (await subscriber.ReceiveAsync<PublishPacket>()).Retain.Should().BeTrue();
        await subscriber.SubscribeAsync("t", packetId: 2, configure: s => s with { RetainHandling = MqttRetainHandling.SendAtSubscribeIfNew });

        await subscriber.ExpectNothingAsync();
    }

    [Fact]
    public async Task Retained_RetainHandling2_NeverSent()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await broker.ConnectAsync("pub");
        await publisher.PublishAsync("t", "v", MqttQualityOfService.AtLeastOnce, packetId: 1, retain: true);
        await publisher.ReceiveAsync<PubAckPacket>();
        await using var subscriber = await broker.ConnectAsync("sub");

        await subscriber.SubscribeAsync("t", configure: s => s with { RetainHandling = MqttRetainHandling.DoNotSend });

        await subscriber.ExpectNothingAsync();
    }

    [Fact]
    public async Task Retained_SharedSubscription_NotSent()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await broker.ConnectAsync("pub");
        await publisher.PublishAsync("t", "v", MqttQualityOfService.AtLeastOnce, packetId: 1, retain: true);
        await publisher.ReceiveAsync<PubAckPacket>();
        await using var subscriber = await broker.ConnectAsync("sub");

        await subscriber.SubscribeAsync("$share/g/t");

        await subscriber.ExpectNothingAsync();
    }

    [Fact]
    public async Task Retained_Expired_NotSent()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await broker.ConnectAsync("pub");
        await publisher.SendAsync(new PublishPacket { Topic = "t", Payload = "v"u8.ToArray(), Retain = true, MessageExpiryInterval = 1, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 });
        await publisher.SendAsync(new PublishPacket { Topic = "u", Payload = "w"u8.ToArray(), Retain = true, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 2 });
        await publisher.ReceiveAsync<PubAckPacket>();
        await publisher.ReceiveAsync<PubAckPacket>();
        await Task.Delay(1500);
        await using var subscriber = await broker.ConnectAsync("sub");

        await subscriber.SubscribeAsync("#");

        (await subscriber.ReceiveAsync<PublishPacket>()).Topic.Should().Be("u");
        await subscriber.ExpectNothingAsync();
    }

    [Fact]
    public async Task Sys_PublishedPeriodically()
    {
        await using var broker = await TestBroker.StartAsync(o => o.SysInterval = TimeSpan.FromMilliseconds(200));
        await using var subscriber = await broker.ConnectAsync("sub");
        await subscriber.SubscribeAsync("$SYS/broker/clients/connected");

        var first = await subscriber.ReceiveAsync<PublishPacket>();
        var second = await subscriber.ReceiveAsync<PublishPacket>();

        first.Topic.Should().Be("$SYS/broker/clients/connected");
        Encoding.UTF8.GetString(second.Payload.Span).Should().Be("1");
    }
}
