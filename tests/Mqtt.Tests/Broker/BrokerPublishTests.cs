using System.Text;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class BrokerPublishTests
{
    [Fact]
    public async Task Publish_QoS0_DeliveredToMatchingSubscriber()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        (await subscriber.SubscribeAsync("a/+/c")).ReasonCodes.Should().Equal(MqttReasonCode.GrantedQoS0);

        await publisher.PublishAsync("a/b/c", "hello");

        var publish = await subscriber.ReceiveAsync<PublishPacket>();
        publish.Topic.Should().Be("a/b/c");
        Encoding.UTF8.GetString(publish.Payload.Span).Should().Be("hello");
        publish.QualityOfService.Should().Be(MqttQualityOfService.AtMostOnce);
        publish.Retain.Should().BeFalse();
    }

    [Fact]
    public async Task Publish_QoS1_PubAckAndDeliveryAtGrantedQoS()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);

        await publisher.PublishAsync("t", "x", MqttQualityOfService.AtLeastOnce, packetId: 42);

        var ack = await publisher.ReceiveAsync<PubAckPacket>();
        ack.PacketId.Should().Be(42);
        ack.ReasonCode.Should().Be(MqttReasonCode.Success);
        var publish = await subscriber.ReceiveAsync<PublishPacket>();
        publish.QualityOfService.Should().Be(MqttQualityOfService.AtLeastOnce);
        publish.PacketId.Should().NotBe(0);
        publish.Duplicate.Should().BeFalse();
        await subscriber.SendAsync(new PubAckPacket { PacketId = publish.PacketId });
    }

    [Fact]
    public async Task Publish_QoS2DowngradedBySubscription_DeliveredAtSubscriptionQoS()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtMostOnce);

        await publisher.PublishAsync("t", "x", MqttQualityOfService.ExactlyOnce, packetId: 1);

        (await publisher.ReceiveAsync<PubRecPacket>()).PacketId.Should().Be(1);
        (await subscriber.ReceiveAsync<PublishPacket>()).QualityOfService.Should().Be(MqttQualityOfService.AtMostOnce);
    }

    [Fact]
    public async Task Publish_QoS2Retransmitted_RoutedExactlyOnce()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("t", MqttQualityOfService.ExactlyOnce);

        await publisher.PublishAsync("t", "once", MqttQualityOfService.ExactlyOnce, packetId: 7);
        (await publisher.ReceiveAsync<PubRecPacket>()).ReasonCode.Should().Be(MqttReasonCode.Success);
        await publisher.SendAsync(new PublishPacket { Topic = "t", Payload = "once"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 7, Duplicate = true });
        (await publisher.ReceiveAsync<PubRecPacket>()).PacketId.Should().Be(7);
        await publisher.SendAsync(new PubRelPacket { PacketId = 7 });
        (await publisher.ReceiveAsync<PubCompPacket>()).ReasonCode.Should().Be(MqttReasonCode.Success);

        var delivered = await subscriber.ReceiveAsync<PublishPacket>();
        delivered.QualityOfService.Should().Be(MqttQualityOfService.ExactlyOnce);
        await subscriber.SendAsync(new PubRecPacket { PacketId = delivered.PacketId });
        (await subscriber.ReceiveAsync<PubRelPacket>()).PacketId.Should().Be(delivered.PacketId);
        await subscriber.SendAsync(new PubCompPacket { PacketId = delivered.PacketId });
        await subscriber.ExpectNothingAsync();
    }

    [Fact]
    public async Task PubRel_UnknownPacketId_PubCompNotFound()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c");

        await client.SendAsync(new PubRelPacket { PacketId = 99 });

        (await client.ReceiveAsync<PubCompPacket>()).ReasonCode.Should().Be(MqttReasonCode.PacketIdentifierNotFound);
    }

    [Fact]
    public async Task Publish_QoS1WithoutSubscribers_PubAckNoMatchingSubscribers()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await broker.ConnectAsync("pub");

        await publisher.PublishAsync("nobody/listens", "x", MqttQualityOfService.AtLeastOnce, packetId: 3);

        (await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.NoMatchingSubscribers);
    }

    [Fact]
    public async Task Publish_ManyQoS1_DeliveredInOrder()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("order", MqttQualityOfService.AtLeastOnce);

        for (var i = 1; i <= 300; i++)
        {
            await publisher.PublishAsync("order", i.ToString(System.Globalization.CultureInfo.InvariantCulture), MqttQualityOfService.AtLeastOnce, packetId: (ushort)i);
        }

        for (var i = 1; i <= 300; i++)
        {
            var publish = await subscriber.ReceiveAsync<PublishPacket>();
            Encoding.UTF8.GetString(publish.Payload.Span).Should().Be(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await subscriber.SendAsync(new PubAckPacket { PacketId = publish.PacketId });
        }
    }

    [Fact]
    public async Task Publish_DeniedV5_PubAckNotAuthorizedAndNotRouted()
    {
        var hooks = new TestBrokerHooks { AuthorizePublish = c => c.Topic != "secret" };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("#");

        await publisher.PublishAsync("secret", "x", MqttQualityOfService.AtLeastOnce, packetId: 1);
        await publisher.PublishAsync("secret", "x", MqttQualityOfService.ExactlyOnce, packetId: 2);
        await publisher.PublishAsync("open", "y");

        (await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
        (await publisher.ReceiveAsync<PubRecPacket>()).ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
        (await subscriber.ReceiveAsync<PublishPacket>()).Topic.Should().Be("open");
        hooks.Denials.Should().HaveCount(2).And.OnlyContain(d => d.Topic == "secret" && d.Identity as string == "pub");
    }

    [Fact]
    public async Task Publish_DeniedV311_ConnectionClosed()
    {
        var hooks = new TestBrokerHooks { AuthorizePublish = _ => false };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var publisher = await broker.ConnectAsync("pub", MqttProtocolVersion.V311);

        await publisher.PublishAsync("t", "x", MqttQualityOfService.AtLeastOnce, packetId: 1);

        (await publisher.ReadUntilClosedAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Publish_ToSysTopic_Refused()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await broker.ConnectAsync("pub");

        await publisher.PublishAsync("$SYS/broker/version", "fake", MqttQualityOfService.AtLeastOnce, packetId: 1);

        (await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
    }

    [Fact]
    public async Task Publish_LargerThanMaximumPacketSize_Disconnect0x95()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumPacketSize = 256 * 1024);
        await using var publisher = await broker.ConnectAsync("pub");

        await publisher.SendAsync(new PublishPacket { Topic = "big", Payload = new byte[10 * 1024 * 1024] });

        var packets = await publisher.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.PacketTooLarge);
    }

    [Fact]
    public async Task Publish_LargerThanSubscribersMaximumPacketSize_NotSentToIt()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await broker.ConnectAsync("sub", configure: c => c with { MaximumPacketSize = 200 });
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);

        await publisher.SendAsync(new PublishPacket { Topic = "t", Payload = new byte[500], QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 });
        await publisher.PublishAsync("t", "small", MqttQualityOfService.AtLeastOnce, packetId: 2);

        var publish = await subscriber.ReceiveAsync<PublishPacket>();
        Encoding.UTF8.GetString(publish.Payload.Span).Should().Be("small");
    }

    [Fact]
    public async Task Publish_TopicAlias_SetThenReused()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("long/topic/name");

        await publisher.SendAsync(new PublishPacket { Topic = "long/topic/name", TopicAlias = 3, Payload = "1"u8.ToArray() });
        await publisher.SendAsync(new PublishPacket { Topic = string.Empty, TopicAlias = 3, Payload = "2"u8.ToArray() });

        (await subscriber.ReceiveAsync<PublishPacket>()).Topic.Should().Be("long/topic/name");
        var second = await subscriber.ReceiveAsync<PublishPacket>();
        second.Topic.Should().Be("long/topic/name");
        second.TopicAlias.Should().BeNull();
    }

    [Fact]
    public async Task Publish_TopicAliasAboveMaximum_DisconnectTopicAliasInvalid()
    {
        await using var broker = await TestBroker.StartAsync(o => o.TopicAliasMaximum = 5);
        await using var publisher = await broker.ConnectAsync("pub");

        await publisher.SendAsync(new PublishPacket { Topic = "t", TopicAlias = 6, Payload = "1"u8.ToArray() });

        var packets = await publisher.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.TopicAliasInvalid);
    }

    [Fact]
    public async Task Publish_UnknownTopicAlias_DisconnectProtocolError()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await broker.ConnectAsync("pub");

        await publisher.SendAsync(new PublishPacket { Topic = string.Empty, TopicAlias = 1, Payload = "1"u8.ToArray() });

        var packets = await publisher.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.ProtocolError);
    }

    [Fact]
    public async Task Publish_AliasesRemappedUpToTheMaximum_EachResolvesToItsLatestTopic()
    {
        await using var broker = await TestBroker.StartAsync(o => o.TopicAliasMaximum = 200);
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("t/#");

        await publisher.SendAsync(new PublishPacket { Topic = "t/one", TopicAlias = 1, Payload = "1"u8.ToArray() });
        await publisher.SendAsync(new PublishPacket { Topic = "t/max", TopicAlias = 200, Payload = "2"u8.ToArray() });
        await publisher.SendAsync(new PublishPacket { Topic = "t/uno", TopicAlias = 1, Payload = "3"u8.ToArray() });
        await publisher.SendAsync(new PublishPacket { Topic = string.Empty, TopicAlias = 200, Payload = "4"u8.ToArray() });
        await publisher.SendAsync(new PublishPacket { Topic = string.Empty, TopicAlias = 1, Payload = "5"u8.ToArray() });

        var topics = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            topics.Add((await subscriber.ReceiveAsync<PublishPacket>()).Topic);
        }

        topics.Should().Equal("t/one", "t/max", "t/uno", "t/max", "t/uno");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(60)]
    public async Task Publish_UnsetAliasBesideASetOne_DisconnectProtocolError(int unset)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await broker.ConnectAsync("pub");

        await publisher.SendAsync(new PublishPacket { Topic = "t", TopicAlias = 3, Payload = "1"u8.ToArray() });
        await publisher.SendAsync(new PublishPacket { Topic = string.Empty, TopicAlias = (ushort)unset, Payload = "2"u8.ToArray() });

        var packets = await publisher.ReadUntilClosedAsync();
        packets.OfType<DisconnectPacket>().Should().ContainSingle().Which.ReasonCode.Should().Be(MqttReasonCode.ProtocolError);
    }

    [Fact]
    public async Task Publish_TopicBeyondLevelLimit_DisconnectTopicNameInvalid()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumTopicLevels = 3);
        await using var publisher = await broker.ConnectAsync("pub");

        await publisher.PublishAsync("a/b/c/d", "x");

        var packets = await publisher.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.TopicNameInvalid);
    }

    [Fact]
    public async Task Publish_AliasSetOnTopicBeyondLevelLimitThenReused_DisconnectTopicNameInvalidBeforeAnyDelivery()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumTopicLevels = 3);
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("#");

        // The topic of an alias is checked where the alias is set; reusing it cannot slip past the check.
        await publisher.SendAsync(new PublishPacket { Topic = "a/b/c/d", TopicAlias = 1, Payload = "1"u8.ToArray() });
        await publisher.SendAsync(new PublishPacket { Topic = string.Empty, TopicAlias = 1, Payload = "2"u8.ToArray() });

        var packets = await publisher.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.TopicNameInvalid);
        await subscriber.ExpectNothingAsync();
    }

    [Fact]
    public async Task Publish_MessageExpiry_ForwardedWithRemainingInterval()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await broker.ConnectAsync("sub");
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("t");

        await publisher.SendAsync(new PublishPacket { Topic = "t", Payload = "x"u8.ToArray(), MessageExpiryInterval = 100 });

        (await subscriber.ReceiveAsync<PublishPacket>()).MessageExpiryInterval.Should().BeInRange(99, 100);
    }

    [Fact]
    public async Task Publish_MoreQoS2UnreleasedThanReceiveMaximum_DisconnectReceiveMaximumExceeded()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumInFlightMessages = 2);
        await using var publisher = await broker.ConnectAsync("pub");

        for (ushort id = 1; id <= 3; id++)
        {
            await publisher.PublishAsync("t", "x", MqttQualityOfService.ExactlyOnce, packetId: id);
        }

        var packets = await publisher.ReadUntilClosedAsync();
        packets.OfType<PubRecPacket>().Should().HaveCount(2);
        packets.Last().Should().BeOfType<DisconnectPacket>().Which.ReasonCode.Should().Be(MqttReasonCode.ReceiveMaximumExceeded);
    }

    [Fact]
    public async Task Publish_ClientReceiveMaximum_LimitsMessagesInFlight()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await broker.ConnectAsync("sub", configure: c => c with { ReceiveMaximum = 2 });
        await using var publisher = await broker.ConnectAsync("pub");
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);

        for (ushort id = 1; id <= 5; id++)
        {
            await publisher.PublishAsync("t", id.ToString(System.Globalization.CultureInfo.InvariantCulture), MqttQualityOfService.AtLeastOnce, packetId: id);
            await publisher.ReceiveAsync<PubAckPacket>();
        }

        var first = await subscriber.ReceiveAsync<PublishPacket>();
        var second = await subscriber.ReceiveAsync<PublishPacket>();
        await subscriber.ExpectNothingAsync();
        await subscriber.SendAsync(new PubAckPacket { PacketId = first.PacketId });
        Encoding.UTF8.GetString((await subscriber.ReceiveAsync<PublishPacket>()).Payload.Span).Should().Be("3");
        await subscriber.ExpectNothingAsync();
        await subscriber.SendAsync(new PubAckPacket { PacketId = second.PacketId });
        Encoding.UTF8.GetString((await subscriber.ReceiveAsync<PublishPacket>()).Payload.Span).Should().Be("4");
    }

    [Fact]
    public async Task MalformedPacket_DisconnectMalformedAndOthersUnaffected()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var bad = await broker.ConnectAsync("bad");
        await using var good = await broker.ConnectAsync("good");

        await bad.SendRawAsync(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01); // remaining length over four bytes

        var packets = await bad.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.MalformedPacket);
        await good.SendAsync(PingReqPacket.Instance);
        await good.ReceiveAsync<PingRespPacket>();
    }

    [Fact]
    public async Task MalformedPacketV311_ClosedWithoutDisconnect()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var bad = await broker.ConnectAsync("bad", MqttProtocolVersion.V311);

        await bad.SendRawAsync(0x62, 0x02, 0x00, 0x00); // PUBREL with packet id 0

        (await bad.ReadUntilClosedAsync()).Should().BeEmpty();
    }
}
