using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Client.Support;
using static Proxus.Mqtt.Tests.Client.Support.ClientTestExtensions;

namespace Proxus.Mqtt.Tests.Client;

public sealed class MqttClientManualAcknowledgementTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Acknowledge_QoS1Taken_PubAckOnlyAfterAcknowledge()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Manual(server.Uri));
        await using var _client = client;

        await connection.SendAsync(Publish(7, MqttQualityOfService.AtLeastOnce));
        var message = await client.ReadMessageAsync();
        (await connection.ReceiveWithinAsync(Quiet)).Should().BeNull("taking a message does not acknowledge it");

        client.Acknowledge(message).Should().BeTrue();
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(7);
    }

    [Fact]
    public async Task Acknowledge_OutOfOrder_PubAcksLeaveInArrivalOrder()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Manual(server.Uri));
        await using var _client = client;
        for (ushort id = 1; id <= 3; id++)
        {
            await connection.SendAsync(Publish(id, MqttQualityOfService.AtLeastOnce));
        }

        var messages = new[] { await client.ReadMessageAsync(), await client.ReadMessageAsync(), await client.ReadMessageAsync() };
        client.Acknowledge(messages[2]).Should().BeTrue();
        (await connection.ReceiveWithinAsync(Quiet)).Should().BeNull("message 1 is not acknowledged yet");

        client.Acknowledge(messages[0]).Should().BeTrue();
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(1);
        (await connection.ReceiveWithinAsync(Quiet)).Should().BeNull("message 2 holds back message 3");

        client.Acknowledge(messages[1]).Should().BeTrue();
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(2);
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(3);
    }

    [Fact]
    public async Task Acknowledge_OldestThenOutOfOrderThenInOrderAgain_PubAcksLeaveInArrivalOrderOncePerMessage()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Manual(server.Uri));
        await using var _client = client;
        for (ushort id = 1; id <= 5; id++)
        {
            await connection.SendAsync(Publish(id, MqttQualityOfService.AtLeastOnce));
        }

        var messages = new List<MqttApplicationMessage>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add(await client.ReadMessageAsync());
        }

        client.Acknowledge(messages[0]).Should().BeTrue("the oldest, in order");
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(1);

        client.Acknowledge(messages[2]).Should().BeTrue("out of order: found among the waiting messages");
        client.Acknowledge(messages[2]).Should().BeFalse("it was acknowledged already, although it still waits for message 2");
        (await connection.ReceiveWithinAsync(Quiet)).Should().BeNull("message 2 holds back message 3");

        client.Acknowledge(messages[1]).Should().BeTrue("the oldest again");
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(2);
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(3);
        client.Acknowledge(messages[1]).Should().BeFalse("it has left");

        client.Acknowledge(messages[3]).Should().BeTrue();
        client.Acknowledge(messages[4]).Should().BeTrue();
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(4);
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(5);
        (await connection.ReceiveWithinAsync(Quiet)).Should().BeNull("one PUBACK per message");
    }

    [Fact]
    public async Task Acknowledge_NothingWaitingThenNewMessages_ReturnsFalseThenAcknowledgesTheNewOnes()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Manual(server.Uri));
        await using var _client = client;
        await connection.SendAsync(Publish(1, MqttQualityOfService.AtLeastOnce));
        var first = await client.ReadMessageAsync();
        client.Acknowledge(first).Should().BeTrue();
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(1);

        client.Acknowledge(first).Should().BeFalse("nothing waits any more");

        await connection.SendAsync(Publish(2, MqttQualityOfService.AtLeastOnce));
        await connection.SendAsync(Publish(3, MqttQualityOfService.AtLeastOnce));
        var second = await client.ReadMessageAsync();
        var third = await client.ReadMessageAsync();
        client.Acknowledge(third).Should().BeTrue();
        client.Acknowledge(second).Should().BeTrue();
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(2);
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(3);
    }

    [Fact]
    public async Task Acknowledge_QoS2Taken_PubRecOnlyAfterAcknowledge()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Manual(server.Uri));
        await using var _client = client;

        await connection.SendAsync(Publish(9, MqttQualityOfService.ExactlyOnce));
        var message = await client.ReadMessageAsync();
        (await connection.ReceiveWithinAsync(Quiet)).Should().BeNull();

        client.Acknowledge(message).Should().BeTrue();
        (await connection.ReceiveAsync<PubRecPacket>()).PacketId.Should().Be(9);
        await connection.SendAsync(new PubRelPacket { PacketId = 9 });
        (await connection.ReceiveAsync<PubCompPacket>()).ReasonCode.Should().Be(MqttReasonCode.Success);
    }

    [Fact]
    public async Task Acknowledge_TwiceOrQoS0_ReturnsFalseAndSendsNothingMore()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Manual(server.Uri));
        await using var _client = client;

        await connection.SendAsync(Publish(0, MqttQualityOfService.AtMostOnce));
        await connection.SendAsync(Publish(4, MqttQualityOfService.AtLeastOnce));
        var atMostOnce = await client.ReadMessageAsync();
        var atLeastOnce = await client.ReadMessageAsync();

        client.Acknowledge(atMostOnce).Should().BeFalse("QoS 0 has no acknowledgement");
        client.Acknowledge(atLeastOnce).Should().BeTrue();
        client.Acknowledge(atLeastOnce).Should().BeFalse("it was acknowledged already");
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(4);
        (await connection.ReceiveWithinAsync(Quiet)).Should().BeNull("one PUBACK per message");
    }

    [Fact]
    public async Task Acknowledge_AfterReconnect_IsRefusedAndTheRedeliveryIsAcknowledgedOnTheNewConnection()
    {
        await using var server = new ScriptedMqttServer();
        var options = Manual(server.Uri) with { Reconnect = Options(server.Uri, reconnect: true).Reconnect, CleanStart = false, SessionExpiryInterval = 60 };
        var (client, first, _) = await server.ConnectAsync(options);
        await using var _client = client;
        await first.SendAsync(Publish(5, MqttQualityOfService.AtLeastOnce));
        var before = await client.ReadMessageAsync();

        var accepted = server.AcceptAsync();
        first.Drop();
        var second = await accepted;
        await second.AcceptConnectAsync(new ConnAckPacket { SessionPresent = true });
        await second.SendAsync(Publish(5, MqttQualityOfService.AtLeastOnce) with { Duplicate = true });
        var redelivered = await client.ReadMessageAsync();

        client.Acknowledge(before).Should().BeFalse("its connection has ended: the server redelivers it");
        redelivered.Duplicate.Should().BeTrue();
        client.Acknowledge(redelivered).Should().BeTrue();
        (await second.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(5);
    }

    [Fact]
    public async Task Acknowledge_AutomaticMode_Throws()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;
        await connection.SendAsync(Publish(1, MqttQualityOfService.AtLeastOnce));
        var message = await client.ReadMessageAsync();

        client.Invoking(c => c.Acknowledge(message)).Should().Throw<InvalidOperationException>();
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(1, "automatic mode acknowledged it when taken");
    }

    [Fact]
    public async Task Messages_ManualModeSmallBuffer_DeliversAllAndAcknowledgesInArrivalOrder()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Manual(server.Uri) with { ReceiveBufferCapacity = 2 });
        await using var _client = client;
        for (ushort id = 1; id <= 4; id++)
        {
            await connection.SendAsync(Publish(id, MqttQualityOfService.AtLeastOnce));
        }

        var taken = new List<MqttApplicationMessage>();
        for (var i = 0; i < 4; i++)
        {
            taken.Add(await client.ReadMessageAsync());
        }

        foreach (var message in taken)
        {
            client.Acknowledge(message).Should().BeTrue();
        }

        var acks = new List<ushort>();
        for (var i = 0; i < 4; i++)
        {
            acks.Add((await connection.ReceiveAsync<PubAckPacket>()).PacketId);
        }

        acks.Should().Equal(1, 2, 3, 4);
    }

    private static MqttClientOptions Manual(Uri server) => Options(server) with { ManualAcknowledgement = true };

    private static PublishPacket Publish(ushort id, MqttQualityOfService qos) => new()
    {
        Topic = "Acme/SiteA/t",
        PacketId = id,
        QualityOfService = qos,
        Payload = new byte[] { (byte)id },
    };
}
