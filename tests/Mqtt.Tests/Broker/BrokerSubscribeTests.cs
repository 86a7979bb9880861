using System.Text;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class BrokerSubscribeTests
{
    [Theory]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/ranking", true)]
    [InlineData("sport/#", "sport", true)]
    [InlineData("sport/+", "sport/", true)]
    [InlineData("sport/+", "sport", false)]
    [InlineData("+/+", "/finance", true)]
    [InlineData("#", "$SYS/broker/uptime", false)]
    [InlineData("+/broker/uptime", "$SYS/broker/uptime", false)]
    [InlineData("$SYS/#", "$SYS/broker/uptime", true)]
    [InlineData("a/b", "a/b/c", false)]
    public async Task Subscribe_Filter_MatchesPerSection4_7(string filter, string topic, bool delivered)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync(filter);
        await subscriber.SubscribeAsync("marker", packetId: 2);

        if (!topic.StartsWith('$'))
        {
            await publisher.PublishAsync(topic, "x");
        }
        else
        {
            broker.Broker.Publish(new MqttRoutedMessage { Topic = topic, Payload = "x"u8.ToArray() });
        }

        await publisher.PublishAsync("marker", "end");

        var first = await subscriber.ReceiveAsync<PublishPacket>();
        (first.Topic == topic).Should().Be(delivered);
    }

    [Fact]
    public async Task Subscribe_DeniedV5_SubAckNotAuthorizedPerFilter()
    {
        var hooks = new TestBrokerHooks { AuthorizeSubscribe = c => c.MatchingFilter != "secret/#" };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var client = await broker.ConnectAsync("c");

        await client.SendAsync(new SubscribePacket
        {
            PacketId = 5,
            Subscriptions = [new MqttSubscription { TopicFilter = "open/#", MaximumQualityOfService = MqttQualityOfService.AtLeastOnce }, new MqttSubscription { TopicFilter = "secret/#" }],
        });

        (await client.ReceiveAsync<SubAckPacket>()).ReasonCodes.Should().Equal(MqttReasonCode.GrantedQoS1, MqttReasonCode.NotAuthorized);
        hooks.Denials.Should().ContainSingle(d => d.Kind == MqttDenialKind.Subscribe && d.Topic == "secret/#");
    }

    [Fact]
    public async Task Subscribe_DeniedV311_SubAckFailure()
    {
        var hooks = new TestBrokerHooks { AuthorizeSubscribe = _ => false };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var client = await broker.ConnectAsync("c", MqttProtocolVersion.V311);

        var subAck = await client.SubscribeAsync("x");

        ((byte)subAck.ReasonCodes.Single()).Should().BeGreaterThanOrEqualTo(0x80);
    }

    [Fact]
    public async Task Subscribe_BeyondLimit_QuotaExceeded()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumSubscriptionsPerClient = 2);
        await using var client = await broker.ConnectAsync("c");

        (await client.SubscribeAsync("a", packetId: 1)).ReasonCodes.Should().Equal(MqttReasonCode.GrantedQoS0);
        (await client.SubscribeAsync("b", packetId: 2)).ReasonCodes.Should().Equal(MqttReasonCode.GrantedQoS0);
        (await client.SubscribeAsync("c", packetId: 3)).ReasonCodes.Should().Equal(MqttReasonCode.QuotaExceeded);
        (await client.SubscribeAsync("a", MqttQualityOfService.AtLeastOnce, packetId: 4)).ReasonCodes.Should().Equal([MqttReasonCode.GrantedQoS1], "replacing a subscription does not add one");
    }

    [Fact]
    public async Task Subscribe_FilterBeyondLimits_TopicFilterInvalid()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumTopicLength = 10);
        await using var client = await broker.ConnectAsync("c");

        (await client.SubscribeAsync("a/very/long/filter")).ReasonCodes.Should().Equal(MqttReasonCode.TopicFilterInvalid);
    }

    [Fact]
    public async Task Subscribe_NoLocalOnSharedSubscription_DisconnectProtocolError()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c");

        await client.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "$share/g/t", NoLocal = true }] });

        var packets = await client.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>().Which.ReasonCode.Should().Be(MqttReasonCode.ProtocolError);
    }

    [Fact]
    public async Task Unsubscribe_ReasonCodePerFilterAndDeliveryStops()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c");
        await client.SubscribeAsync("t");
        await client.SubscribeAsync("marker", packetId: 2);

        await client.SendAsync(new UnsubscribePacket { PacketId = 9, TopicFilters = ["t", "never"] });

        (await client.ReceiveAsync<UnsubAckPacket>()).ReasonCodes.Should().Equal(MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted);
        await client.PublishAsync("t", "x");
        await client.PublishAsync("marker", "x");
        (await client.ReceiveAsync<PublishPacket>()).Topic.Should().Be("marker");
    }

    [Fact]
    public async Task Publish_NoLocal_NotReturnedToPublisher()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c");
        await client.SubscribeAsync("t", configure: s => s with { NoLocal = true });
        await client.SubscribeAsync("marker", packetId: 2);

        await client.PublishAsync("t", "own");
        await client.PublishAsync("marker", "x");

        (await client.ReceiveAsync<PublishPacket>()).Topic.Should().Be("marker");
    }

    [Fact]
    public async Task Publish_OverlappingSubscriptions_DeliveredOnceWithEveryIdentifierAndHighestQoS()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c");
        await client.SubscribeAsync("a/+", MqttQualityOfService.AtMostOnce, packetId: 1, subscriptionIdentifier: 11);
        await client.SubscribeAsync("a/#", MqttQualityOfService.AtLeastOnce, packetId: 2, subscriptionIdentifier: 22);
        await using var publisher = await broker.ConnectAsync("pub");

        await publisher.PublishAsync("a/b", "x", MqttQualityOfService.AtLeastOnce, packetId: 1);

        var publish = await client.ReceiveAsync<PublishPacket>();
        publish.QualityOfService.Should().Be(MqttQualityOfService.AtLeastOnce);
        publish.SubscriptionIdentifiers.Should().BeEquivalentTo(new uint[] { 11, 22 });
        await client.SendAsync(new PubAckPacket { PacketId = publish.PacketId });
        await client.ExpectNothingAsync();
    }

    [Fact]
    public async Task SharedSubscription_RoundRobinAmongMembers()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var a = await broker.ConnectAsync("a");
        await using var b = await broker.ConnectAsync("b");
        await using var publisher = await broker.ConnectAsync("pub");
        await a.SubscribeAsync("$share/workers/jobs/#");
        await b.SubscribeAsync("$share/workers/jobs/#");

        for (var i = 0; i < 10; i++)
        {
            await publisher.PublishAsync("jobs/" + i, "x");
        }

        var received = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            received.Add((await a.ReceiveAsync<PublishPacket>()).Topic);
            received.Add((await b.ReceiveAsync<PublishPacket>()).Topic);
        }

        received.Should().OnlyHaveUniqueItems().And.HaveCount(10);
        await a.ExpectNothingAsync();
        await b.ExpectNothingAsync(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task SharedSubscription_MemberOffline_OthersGetEverything()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var a = await broker.ConnectAsync("a");
        var b = await broker.ConnectAsync("b", configure: c => c with { SessionExpiryInterval = 600 });
        await using var publisher = await broker.ConnectAsync("pub");
        await a.SubscribeAsync("$share/g/t");
        await b.SubscribeAsync("$share/g/t");
        await b.DisconnectAsync();
        await b.DisposeAsync();

        for (var i = 0; i < 4; i++)
        {
            await publisher.PublishAsync("t", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < 4; i++)
        {
            Encoding.UTF8.GetString((await a.ReceiveAsync<PublishPacket>()).Payload.Span).Should().Be(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
