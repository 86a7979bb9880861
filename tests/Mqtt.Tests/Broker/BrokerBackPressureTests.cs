using System.Globalization;
using System.Text;
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
        await using var broker = await TestBroker.StartAsync(o => o.MaximumQueuedMessages = 4);
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
    }
}
