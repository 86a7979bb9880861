using System.Text;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Client.Support;
using static Proxus.Mqtt.Tests.Client.Support.ClientTestExtensions;

namespace Proxus.Mqtt.Tests.Client;

public sealed class MqttClientReceiveTests
{
    [Fact]
    public async Task Messages_QoS1_PubAckOnlyAfterTheApplicationTakesTheMessage()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        await connection.SendAsync(new PublishPacket { Topic = "a/b", PacketId = 7, QualityOfService = MqttQualityOfService.AtLeastOnce, Payload = Encoding.UTF8.GetBytes("x") });
        (await connection.ReceiveWithinAsync(TimeSpan.FromMilliseconds(300))).Should().BeNull("nobody took the message yet");

        var message = await client.ReadMessageAsync();
        message.Topic.Should().Be("a/b");
        (await connection.ReceiveAsync<PubAckPacket>()).PacketId.Should().Be(7);
    }

    [Fact]
    public async Task Messages_QoS2Resent_IsDeliveredExactlyOnce()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;
        var publish = new PublishPacket { Topic = "a/q2", PacketId = 9, QualityOfService = MqttQualityOfService.ExactlyOnce, Payload = new byte[] { 1 } };

        await connection.SendAsync(publish);
        await connection.SendAsync(publish with { Duplicate = true });
        (await client.ReadMessageAsync()).Topic.Should().Be("a/q2");
        await connection.SendAsync(publish with { Duplicate = true });
        await connection.SendAsync(new PubRelPacket { PacketId = 9 });

        // Each copy is answered with PUBREC once the message was taken: the resend that arrived
        // before the application took it shares the first PUBREC, or gets its own if read after.
        var replies = new List<MqttPacket>();
        while (replies.LastOrDefault() is not PubCompPacket)
        {
            replies.Add((await connection.ReceiveAsync(TestTimeout))!);
        }

        replies.SkipLast(1).Should().HaveCountGreaterThanOrEqualTo(2).And.AllSatisfy(p => p.Should().BeOfType<PubRecPacket>().Which.PacketId.Should().Be(9));
        ((PubCompPacket)replies[^1]).ReasonCode.Should().Be(MqttReasonCode.Success);
        client.Messages.TryRead(out _).Should().BeFalse("the resends were not delivered again");

        // After PUBCOMP the identifier is free: the same id is a new message.
        await connection.SendAsync(publish with { Payload = new byte[] { 2 } });
        (await client.ReadMessageAsync()).Payload.ToArray().Should().Equal(2);
    }

    [Fact]
    public async Task Messages_PubRelForUnknownId_AnswersPacketIdentifierNotFound()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        await connection.SendAsync(new PubRelPacket { PacketId = 33 });

        var complete = await connection.ReceiveAsync<PubCompPacket>();
        (complete.PacketId, complete.ReasonCode).Should().Be(((ushort)33, MqttReasonCode.PacketIdentifierNotFound));
        client.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task Messages_FullBuffer_StopsReadingUntilTheApplicationCatchesUp()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri) with { ReceiveBufferCapacity = 2 });
        await using var _client = client;

        for (ushort id = 1; id <= 5; id++)
        {
            await connection.SendAsync(new PublishPacket { Topic = "a", PacketId = id, QualityOfService = MqttQualityOfService.AtLeastOnce, Payload = new byte[] { (byte)id } });
        }

        var received = new List<byte>();
        for (var i = 0; i < 5; i++)
        {
            received.Add((await client.ReadMessageAsync()).Payload.Span[0]);
        }

        received.Should().Equal(1, 2, 3, 4, 5);
        var acks = new List<ushort>();
        for (var i = 0; i < 5; i++)
        {
            acks.Add((await connection.ReceiveAsync<PubAckPacket>()).PacketId);
        }

        acks.Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public async Task Messages_MqttFiveProperties_AreDeliveredToTheApplication()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        await connection.SendAsync(new PublishPacket
        {
            Topic = "reply/portal",
            Retain = true,
            ResponseTopic = "reply/again",
            CorrelationData = new byte[] { 4, 2 },
            ContentType = "text/plain",
            UserProperties = [new MqttUserProperty("k", "v")],
            SubscriptionIdentifiers = [12],
        });

        var message = await client.ReadMessageAsync();
        message.Retain.Should().BeTrue();
        message.ResponseTopic.Should().Be("reply/again");
        message.CorrelationData!.Value.ToArray().Should().Equal(4, 2);
        message.ContentType.Should().Be("text/plain");
        message.UserProperties.Should().Equal(new MqttUserProperty("k", "v"));
        message.SubscriptionIdentifiers.Should().Equal(12u);
    }

    [Fact]
    public async Task SubscribeAsync_Refused_ReturnsReasonCodeAndIsNotRestored()
    {
        await using var server = new ScriptedMqttServer();
        var (client, first, _) = await server.ConnectAsync(Options(server.Uri, reconnect: true));
        await using var _client = client;

        var subscribing = client.SubscribeAsync([new MqttSubscription { TopicFilter = "ok/#" }, new MqttSubscription { TopicFilter = "secret/#" }]);
        var subscribe = await first.ReceiveAsync<SubscribePacket>();
        await first.SendAsync(new SubAckPacket { PacketId = subscribe.PacketId, ReasonCodes = [MqttReasonCode.GrantedQoS0, MqttReasonCode.NotAuthorized] });
        (await subscribing.WaitAsync(TestTimeout)).Should().Equal(MqttReasonCode.GrantedQoS0, MqttReasonCode.NotAuthorized);

        var accepted = server.AcceptAsync();
        first.Drop();
        var second = await accepted;
        await second.AcceptConnectAsync();
        var restored = await second.ReceiveAsync<SubscribePacket>();
        restored.Subscriptions.Select(s => s.TopicFilter).Should().Equal("ok/#");
    }

    [Fact]
    public async Task UnsubscribeAsync_Acknowledged_ReturnsReasonCodes()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        var unsubscribing = client.UnsubscribeAsync(["a/#"]);
        var unsubscribe = await connection.ReceiveAsync<UnsubscribePacket>();
        unsubscribe.TopicFilters.Should().Equal("a/#");
        await connection.SendAsync(new UnsubAckPacket { PacketId = unsubscribe.PacketId, ReasonCodes = [MqttReasonCode.NoSubscriptionExisted] });

        (await unsubscribing.WaitAsync(TestTimeout)).Should().Equal(MqttReasonCode.NoSubscriptionExisted);
    }

    [Fact]
    public async Task SubscribeAsync_NoSubAck_TimesOutAndClosesTheConnection()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri) with { ConnectTimeout = TimeSpan.FromMilliseconds(500) });
        await using var _client = client;

        var error = await client.Invoking(c => c.SubscribeAsync("a/#").WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        error.Which.Error.Should().Be(MqttClientError.Timeout);
        (await connection.ReceiveUntilClosedAsync()).Should().ContainSingle(p => p is SubscribePacket);
        client.IsConnected.Should().BeFalse();
    }
}
