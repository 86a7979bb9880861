using System.Text;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class BrokerSessionTests
{
    [Fact]
    public async Task PersistentSession_QueuesQoS1WhileOfflineAndDeliversOnResume()
    {
        await using var broker = await TestBroker.StartAsync();
        var subscriber = await broker.ConnectAsync("sub", configure: c => c with { SessionExpiryInterval = 600 });
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await subscriber.DisconnectAsync();
        await subscriber.DisposeAsync();
        await using var publisher = await broker.ConnectAsync("pub");

        await publisher.PublishAsync("t", "qos0-lost");
        await publisher.PublishAsync("t", "one", MqttQualityOfService.AtLeastOnce, packetId: 1);
        await publisher.PublishAsync("t", "two", MqttQualityOfService.AtLeastOnce, packetId: 2);
        (await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.Success);
        await publisher.ReceiveAsync<PubAckPacket>();

        await using var resumed = await broker.ConnectAsync("sub", configure: c => c with { CleanStart = false, SessionExpiryInterval = 600 });
        resumed.ConnAck!.SessionPresent.Should().BeTrue();
        Encoding.UTF8.GetString((await resumed.ReceiveAsync<PublishPacket>()).Payload.Span).Should().Be("one");
        Encoding.UTF8.GetString((await resumed.ReceiveAsync<PublishPacket>()).Payload.Span).Should().Be("two");
    }

    [Fact]
    public async Task PersistentSession_QueueFull_FurtherMessagesDroppedWithQuotaExceeded()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumQueuedMessages = 2);
        var subscriber = await broker.ConnectAsync("sub", configure: c => c with { SessionExpiryInterval = 600 });
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await subscriber.DisconnectAsync();
        await subscriber.DisposeAsync();
        await using var publisher = await broker.ConnectAsync("pub");

        var codes = new List<MqttReasonCode>();
        for (ushort id = 1; id <= 3; id++)
        {
            await publisher.PublishAsync("t", id.ToString(System.Globalization.CultureInfo.InvariantCulture), MqttQualityOfService.AtLeastOnce, packetId: id);
            codes.Add((await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode);
        }

        codes.Should().Equal(MqttReasonCode.Success, MqttReasonCode.Success, MqttReasonCode.QuotaExceeded);
        await using var resumed = await broker.ConnectAsync("sub", configure: c => c with { CleanStart = false, SessionExpiryInterval = 600 });
        Encoding.UTF8.GetString((await resumed.ReceiveAsync<PublishPacket>()).Payload.Span).Should().Be("1");
        Encoding.UTF8.GetString((await resumed.ReceiveAsync<PublishPacket>()).Payload.Span).Should().Be("2");
        await resumed.ExpectNothingAsync();
    }

    [Fact]
    public async Task PersistentSession_UnacknowledgedResentWithDuplicateOnResume()
    {
        await using var broker = await TestBroker.StartAsync();
        var subscriber = await broker.ConnectAsync("sub", configure: c => c with { SessionExpiryInterval = 600 });
        await subscriber.SubscribeAsync("t", MqttQualityOfService.ExactlyOnce);
        await using var publisher = await broker.ConnectAsync("pub");
        await publisher.PublishAsync("t", "q1", MqttQualityOfService.AtLeastOnce, packetId: 1);
        await publisher.PublishAsync("t", "q2", MqttQualityOfService.ExactlyOnce, packetId: 2);
        var first = await subscriber.ReceiveAsync<PublishPacket>();
        var second = await subscriber.ReceiveAsync<PublishPacket>();
        await subscriber.SendAsync(new PubRecPacket { PacketId = second.PacketId });
        await subscriber.ReceiveAsync<PubRelPacket>();
        await subscriber.AbortAsync();
        await subscriber.DisposeAsync();

        await using var resumed = await broker.ConnectAsync("sub", configure: c => c with { CleanStart = false, SessionExpiryInterval = 600 });

        var again = await resumed.ReceiveAsync<PublishPacket>();
        again.Duplicate.Should().BeTrue();
        again.PacketId.Should().Be(first.PacketId);
        (await resumed.ReceiveAsync<PubRelPacket>()).PacketId.Should().Be(second.PacketId, "QoS 2 past PUBREC resumes with PUBREL");
    }

    [Fact]
    public async Task PersistentSession_SomeAcknowledgedOutOfOrder_RestResentInSendOrderOnResume()
    {
        await using var broker = await TestBroker.StartAsync();
        var subscriber = await broker.ConnectAsync("sub", configure: c => c with { SessionExpiryInterval = 600 });
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await using var publisher = await broker.ConnectAsync("pub");
        for (ushort id = 1; id <= 6; id++)
        {
            await publisher.PublishAsync("t", $"m{id}", MqttQualityOfService.AtLeastOnce, packetId: id);
        }

        var sent = new List<PublishPacket>();
        for (var i = 0; i < 6; i++)
        {
            sent.Add(await subscriber.ReceiveAsync<PublishPacket>());
        }

        foreach (var acknowledged in new[] { sent[3], sent[0], sent[4] })
        {
            await subscriber.SendAsync(new PubAckPacket { PacketId = acknowledged.PacketId });
        }

        // A PING round trip: the acknowledgements before it have been processed.
        await subscriber.SendAsync(PingReqPacket.Instance);
        await subscriber.ReceiveAsync<PingRespPacket>();
        await subscriber.AbortAsync();
        await subscriber.DisposeAsync();

        await using var resumed = await broker.ConnectAsync("sub", configure: c => c with { CleanStart = false, SessionExpiryInterval = 600 });

        var again = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            again.Add(Encoding.UTF8.GetString((await resumed.ReceiveAsync<PublishPacket>()).Payload.Span));
        }

        again.Should().Equal("m2", "m3", "m6");
        await resumed.ExpectNothingAsync();
    }

    [Fact]
    public async Task CleanStart_DiscardsPreviousSession()
    {
        await using var broker = await TestBroker.StartAsync();
        var first = await broker.ConnectAsync("c", configure: c => c with { SessionExpiryInterval = 600 });
        await first.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await first.DisconnectAsync();
        await first.DisposeAsync();

        await using var second = await broker.ConnectAsync("c", configure: c => c with { CleanStart = true });
        second.ConnAck!.SessionPresent.Should().BeFalse();
        await using var publisher = await broker.ConnectAsync("pub");
        await publisher.PublishAsync("t", "x", MqttQualityOfService.AtLeastOnce, packetId: 1);

        (await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.NoMatchingSubscribers);
    }

    [Fact]
    public async Task SessionExpiry_ElapsedWhileOffline_SessionGone()
    {
        await using var broker = await TestBroker.StartAsync();
        var first = await broker.ConnectAsync("c", configure: c => c with { SessionExpiryInterval = 1 });
        await first.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await first.DisconnectAsync();
        await first.DisposeAsync();
        broker.Broker.SessionCount.Should().Be(1);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (broker.Broker.SessionCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        broker.Broker.SessionCount.Should().Be(0);
        await using var second = await broker.ConnectAsync("c", configure: c => c with { CleanStart = false });
        second.ConnAck!.SessionPresent.Should().BeFalse();
    }

    [Fact]
    public async Task SessionExpiryZeroV311CleanSession_EndsWithConnection()
    {
        await using var broker = await TestBroker.StartAsync();
        var client = await broker.ConnectAsync("c", MqttProtocolVersion.V311);
        await client.DisconnectAsync();
        await client.DisposeAsync();

        broker.Broker.SessionCount.Should().Be(0);
    }

    [Fact]
    public async Task Disconnect_SessionExpiryAfterZero_ProtocolError()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c");

        await client.SendAsync(new DisconnectPacket { SessionExpiryInterval = 60 });

        var packets = await client.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>().Which.ReasonCode.Should().Be(MqttReasonCode.ProtocolError);
    }

    [Fact]
    public async Task QueuedMessage_ExpiredWhileOffline_NotDelivered()
    {
        await using var broker = await TestBroker.StartAsync();
        var subscriber = await broker.ConnectAsync("sub", configure: c => c with { SessionExpiryInterval = 600 });
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await subscriber.DisconnectAsync();
        await subscriber.DisposeAsync();
        await using var publisher = await broker.ConnectAsync("pub");
        await publisher.SendAsync(new PublishPacket { Topic = "t", Payload = "short"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1, MessageExpiryInterval = 1 });
        await publisher.SendAsync(new PublishPacket { Topic = "t", Payload = "long"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 2, MessageExpiryInterval = 600 });
        await publisher.ReceiveAsync<PubAckPacket>();
        await publisher.ReceiveAsync<PubAckPacket>();
        await Task.Delay(1500);

        await using var resumed = await broker.ConnectAsync("sub", configure: c => c with { CleanStart = false, SessionExpiryInterval = 600 });

        var publish = await resumed.ReceiveAsync<PublishPacket>();
        Encoding.UTF8.GetString(publish.Payload.Span).Should().Be("long");
        publish.MessageExpiryInterval.Should().BeLessThan(600);
    }
}
