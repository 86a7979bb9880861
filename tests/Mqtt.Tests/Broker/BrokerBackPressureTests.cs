using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class BrokerBackPressureTests
{
    private const int Messages = 12;

    [Fact]
    public async Task Publish_ConsumerQueueFullButAcknowledging_PublisherWaitsAndNothingIsRefused()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumQueuedMessages = 4);
        await using var subscriber = await broker.ConnectAsync("sub", configure: c => c with { ReceiveMaximum = 1 });
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await using var publisher = await broker.ConnectAsync("pub");

        for (ushort id = 1; id <= Messages; id++)
        {
            await publisher.PublishAsync("t", id.ToString(CultureInfo.InvariantCulture), MqttQualityOfService.AtLeastOnce, packetId: id);
        }

        var received = new List<string>();
        for (var i = 0; i < Messages; i++)
        {
            var publish = await subscriber.ReceiveAsync<PublishPacket>();
            received.Add(Encoding.UTF8.GetString(publish.Payload.Span));
            await subscriber.SendAsync(new PubAckPacket { PacketId = publish.PacketId });
        }

        var codes = new List<MqttReasonCode>();
        for (var i = 0; i < Messages; i++)
        {
            codes.Add((await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode);
        }

        received.Should().Equal(Enumerable.Range(1, Messages).Select(n => n.ToString(CultureInfo.InvariantCulture)), "back-pressure keeps the order");
        codes.Should().AllBeEquivalentTo(MqttReasonCode.Success, "the publisher waited for room instead of overflowing the queue");
    }

    [Fact]
    public async Task Publish_ConsumerStopsAcknowledging_PublisherIsNotHeldAndExcessIsRefused()
    {
        await using var broker = await TestBroker.StartAsync(o =>
        {
            o.MaximumQueuedMessages = 4;
            o.SubscriberStallTimeout = TimeSpan.FromMilliseconds(300);
        });
        await using var subscriber = await broker.ConnectAsync("sub", configure: c => c with { ReceiveMaximum = 1 });
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await using var publisher = await broker.ConnectAsync("pub");

        for (ushort id = 1; id <= Messages; id++)
        {
            await publisher.PublishAsync("t", id.ToString(CultureInfo.InvariantCulture), MqttQualityOfService.AtLeastOnce, packetId: id);
        }

        var codes = new List<MqttReasonCode>();
        for (var i = 0; i < Messages; i++)
        {
            codes.Add((await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode);
        }

        codes.Take(5).Should().AllBeEquivalentTo(MqttReasonCode.Success, "one in flight and four queued");
        codes.Skip(5).Should().AllBeEquivalentTo(MqttReasonCode.QuotaExceeded, "a stalled consumer's queue bound still holds");
        broker.Broker.Statistics.MessagesDropped.Should().Be(Messages - 5, "every drop is counted");
    }

    [Fact]
    public async Task Publish_SlowSubscriberBesideAWideWindowWhoseWriterIsBehind_PublisherWaitsForTheSlowOneAndNothingIsLost()
    {
        const int Count = 500;

        // Subscribed first, so that it is the first match: a receive window granted by the authentication
        // hook that holds every message, so nothing is queued for it, but it reads nothing until the end,
        // so its writer falls far behind (the server's ingest consumer, 20,000 in flight, on a busy machine).
        var hooks = new TestBrokerHooks { Authenticate = c => c.ClientId == "wide" ? MqttAuthenticationResult.Accept(c.ClientId, ushort.MaxValue) : MqttAuthenticationResult.Accept(c.ClientId) };
        await using var broker = await TestBroker.StartAsync(o => o.MaximumQueuedMessages = 8, hooks);
        await using var wide = await broker.ConnectAsync("wide", configure: c => c with { ReceiveMaximum = ushort.MaxValue });
        await wide.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await using var slow = await broker.ConnectAsync("slow", configure: c => c with { ReceiveMaximum = 1 });
        await slow.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await using var publisher = await broker.ConnectAsync("pub");

        var slowReceived = Task.Run(() => ReceiveAndAcknowledgeAsync(slow, Count, TimeSpan.FromMilliseconds(2)));
        for (var i = 0; i < Count; i++)
        {
            var payload = new byte[4096];
            BinaryPrimitives.WriteInt32BigEndian(payload, i);
            await publisher.SendAsync(new PublishPacket { Topic = "t", Payload = payload, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = (ushort)(i + 1) });
        }

        var codes = new List<MqttReasonCode>();
        for (var i = 0; i < Count; i++)
        {
            codes.Add((await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode);
        }

        (await slowReceived).Should().Equal(Enumerable.Range(0, Count), "the slow subscriber slowed the publisher down instead of losing its messages");
        codes.Should().AllBeEquivalentTo(MqttReasonCode.Success);
        (await ReceiveAndAcknowledgeAsync(wide, Count, TimeSpan.Zero)).Should().Equal(Enumerable.Range(0, Count));
        broker.Broker.Statistics.MessagesDropped.Should().Be(0);
    }

    [Fact]
    public async Task Publish_SubscriberDrainsSlowerThanTheStallTimeoutButAcknowledges_WaitedOnAndNothingIsDropped()
    {
        const int Count = 300;

        // Draining from 128 queued to 64 takes 64 acknowledgements, over a second at one per 16 ms: longer
        // than the stall timeout, yet the subscriber acknowledges all the time, so it is slow, not stalled.
        await using var broker = await TestBroker.StartAsync(o =>
        {
            o.MaximumQueuedMessages = 256;
            o.SubscriberStallTimeout = TimeSpan.FromMilliseconds(800);
        });
        await using var subscriber = await broker.ConnectAsync("sub", configure: c => c with { ReceiveMaximum = 1 });
        await subscriber.SubscribeAsync("t", MqttQualityOfService.AtLeastOnce);
        await using var publisher = await broker.ConnectAsync("pub");

        var received = Task.Run(() => ReceiveAndAcknowledgeAsync(subscriber, Count, TimeSpan.FromMilliseconds(16)));
        for (var i = 0; i < Count; i++)
        {
            var payload = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(payload, i);
            await publisher.SendAsync(new PublishPacket { Topic = "t", Payload = payload, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = (ushort)(i + 1) });
        }

        var codes = new List<MqttReasonCode>();
        for (var i = 0; i < Count; i++)
        {
            codes.Add((await publisher.ReceiveAsync<PubAckPacket>()).ReasonCode);
        }

        (await received).Should().Equal(Enumerable.Range(0, Count));
        codes.Should().AllBeEquivalentTo(MqttReasonCode.Success);
        broker.Broker.Statistics.MessagesDropped.Should().Be(0);
    }

    /// <summary>Receives up to <paramref name="count"/> messages (fewer when nothing more comes), acknowledging each after <paramref name="delay"/>.</summary>
    private static async Task<List<int>> ReceiveAndAcknowledgeAsync(TestClient client, int count, TimeSpan delay)
    {
        var sequence = new List<int>(count);
        while (sequence.Count < count)
        {
            PublishPacket publish;
            try
            {
                publish = (PublishPacket)(await client.TryReceiveAsync(TimeSpan.FromSeconds(5)) ?? throw new InvalidOperationException("The broker closed the connection."));
            }
            catch (TimeoutException)
            {
                break;
            }

            sequence.Add(BinaryPrimitives.ReadInt32BigEndian(publish.Payload.Span));
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            await client.SendAsync(new PubAckPacket { PacketId = publish.PacketId });
        }

        return sequence;
    }
}
