using System.Text;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Client.Support;
using static Proxus.Mqtt.Tests.Client.Support.ClientTestExtensions;

namespace Proxus.Mqtt.Tests.Client;

public sealed class MqttClientPublishTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task PublishAsync_QoS0_WritesPublishAndCompletes(MqttProtocolVersion version)
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri, version));
        await using var _client = client;

        var result = await client.PublishAsync("plant/line1/temp", Encoding.UTF8.GetBytes("21.5"), retain: true).AsTask().WaitAsync(TestTimeout);

        result.Should().Be(MqttReasonCode.Success);
        var publish = await connection.ReceiveAsync<PublishPacket>();
        publish.Topic.Should().Be("plant/line1/temp");
        publish.QualityOfService.Should().Be(MqttQualityOfService.AtMostOnce);
        publish.Retain.Should().BeTrue();
        Encoding.UTF8.GetString(publish.Payload.Span).Should().Be("21.5");
    }

    [Fact]
    public async Task PublishAsync_QoS1_CompletesWithThePubAckReasonCode()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        var publishing = client.PublishAsync("a/b", new byte[] { 1 }, MqttQualityOfService.AtLeastOnce).AsTask();
        var publish = await connection.ReceiveAsync<PublishPacket>();
        publish.PacketId.Should().NotBe(0);
        publishing.IsCompleted.Should().BeFalse("the message is not acknowledged yet");
        await connection.SendAsync(new PubAckPacket { PacketId = publish.PacketId, ReasonCode = MqttReasonCode.NoMatchingSubscribers });

        (await publishing.WaitAsync(TestTimeout)).Should().Be(MqttReasonCode.NoMatchingSubscribers);
    }

    [Fact]
    public async Task PublishAsync_QoS2_RunsPubRecPubRelPubComp()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        var publishing = client.PublishAsync("a/b", new byte[] { 2 }, MqttQualityOfService.ExactlyOnce).AsTask();
        var publish = await connection.ReceiveAsync<PublishPacket>();
        await connection.SendAsync(new PubRecPacket { PacketId = publish.PacketId });
        var release = await connection.ReceiveAsync<PubRelPacket>();
        release.PacketId.Should().Be(publish.PacketId);
        publishing.IsCompleted.Should().BeFalse("PUBCOMP has not come yet");
        await connection.SendAsync(new PubCompPacket { PacketId = publish.PacketId });

        (await publishing.WaitAsync(TestTimeout)).Should().Be(MqttReasonCode.Success);
    }

    [Fact]
    public async Task PublishAsync_QoS2RefusedAtPubRec_CompletesWithTheRefusalAndSendsNoPubRel()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        var publishing = client.PublishAsync("a/b", new byte[] { 2 }, MqttQualityOfService.ExactlyOnce).AsTask();
        var publish = await connection.ReceiveAsync<PublishPacket>();
        await connection.SendAsync(new PubRecPacket { PacketId = publish.PacketId, ReasonCode = MqttReasonCode.NotAuthorized });

        (await publishing.WaitAsync(TestTimeout)).Should().Be(MqttReasonCode.NotAuthorized);
        (await connection.ReceiveWithinAsync(TimeSpan.FromMilliseconds(300))).Should().BeNull();
    }

    [Fact]
    public async Task PublishAsync_MoreThanServerReceiveMaximum_HoldsBackUntilAcknowledged()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri), new ConnAckPacket { ReceiveMaximum = 2 });
        await using var _client = client;

        var publishes = Enumerable.Range(0, 5).Select(i => client.PublishAsync($"t/{i}", new byte[] { (byte)i }, MqttQualityOfService.AtLeastOnce).AsTask()).ToList();
        var first = await connection.ReceiveAsync<PublishPacket>();
        var second = await connection.ReceiveAsync<PublishPacket>();
        (await connection.ReceiveWithinAsync(TimeSpan.FromMilliseconds(300))).Should().BeNull("two messages are in flight and the server allows two");

        await connection.SendAsync(new PubAckPacket { PacketId = first.PacketId });
        var third = await connection.ReceiveAsync<PublishPacket>();
        (await connection.ReceiveWithinAsync(TimeSpan.FromMilliseconds(300))).Should().BeNull();

        new[] { first.Topic, second.Topic, third.Topic }.Should().Equal("t/0", "t/1", "t/2");
        await connection.SendAsync(new PubAckPacket { PacketId = second.PacketId });
        await connection.SendAsync(new PubAckPacket { PacketId = third.PacketId });
        var fourth = await connection.ReceiveAsync<PublishPacket>();
        var fifth = await connection.ReceiveAsync<PublishPacket>();
        await connection.SendAsync(new PubAckPacket { PacketId = fourth.PacketId });
        await connection.SendAsync(new PubAckPacket { PacketId = fifth.PacketId });
        await Task.WhenAll(publishes).WaitAsync(TestTimeout);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, null, 20)]
    [InlineData(MqttProtocolVersion.V311, (ushort)3, 3)]
    [InlineData(MqttProtocolVersion.V500, (ushort)4, 4)]
    public async Task PublishAsync_InflightCap_LimitsUnacknowledgedMessages(MqttProtocolVersion version, ushort? cap, int expected)
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri, version) with { MaximumInflight = cap });
        await using var _client = client;

        var publishes = Enumerable.Range(0, expected + 5).Select(i => client.PublishAsync("t", new byte[] { (byte)i }, MqttQualityOfService.ExactlyOnce).AsTask()).ToList();
        var inFlight = new List<PublishPacket>();
        for (var i = 0; i < expected; i++)
        {
            inFlight.Add(await connection.ReceiveAsync<PublishPacket>());
        }

        (await connection.ReceiveWithinAsync(TimeSpan.FromMilliseconds(300))).Should().BeNull();
        inFlight.Select(p => p.Payload.Span[0]).Should().Equal(Enumerable.Range(0, expected).Select(i => (byte)i));
        publishes.Should().OnlyContain(t => !t.IsCompleted);
    }

    [Fact]
    public async Task PublishAsync_TopicAliasMaximum_UsesAliasesWithinTheLimit()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri), new ConnAckPacket { TopicAliasMaximum = 2 });
        await using var _client = client;

        foreach (var topic in new[] { "site/a", "site/a", "site/b", "site/c", "site/b" })
        {
            await client.PublishAsync(topic, new byte[] { 1 }).AsTask().WaitAsync(TestTimeout);
        }

        var sent = new List<PublishPacket>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await connection.ReceiveAsync<PublishPacket>());
        }

        sent.Select(p => (p.Topic, p.TopicAlias)).Should().Equal(
            ("site/a", (ushort?)1),
            (string.Empty, (ushort?)1),
            ("site/b", (ushort?)2),
            ("site/c", (ushort?)null),
            (string.Empty, (ushort?)2));
    }

    [Fact]
    public async Task PublishAsync_NoTopicAliasMaximum_SendsFullTopics()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        await client.PublishAsync("site/a", new byte[] { 1 }).AsTask().WaitAsync(TestTimeout);
        await client.PublishAsync("site/a", new byte[] { 1 }).AsTask().WaitAsync(TestTimeout);

        (await connection.ReceiveAsync<PublishPacket>()).TopicAlias.Should().BeNull();
        (await connection.ReceiveAsync<PublishPacket>()).Topic.Should().Be("site/a");
    }

    [Fact]
    public async Task PublishAsync_LargerThanServerMaximumPacketSize_ThrowsAndSendsNothing()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri), new ConnAckPacket { MaximumPacketSize = 1024 });
        await using var _client = client;

        foreach (var qos in new[] { MqttQualityOfService.AtMostOnce, MqttQualityOfService.AtLeastOnce })
        {
            var error = await client.Invoking(c => c.PublishAsync("big", new byte[2048], qos).AsTask()).Should().ThrowAsync<MqttClientException>();
            error.Which.Error.Should().Be(MqttClientError.PacketTooLarge);
        }

        await client.PublishAsync("small", new byte[512]).AsTask().WaitAsync(TestTimeout);
        (await connection.ReceiveAsync<PublishPacket>()).Topic.Should().Be("small");
    }

    [Fact]
    public async Task PublishAsync_QoSAboveServerMaximum_ThrowsNotSupported()
    {
        await using var server = new ScriptedMqttServer();
        var (client, _, _) = await server.ConnectAsync(Options(server.Uri), new ConnAckPacket { MaximumQualityOfService = MqttQualityOfService.AtLeastOnce, RetainAvailable = false });
        await using var _client = client;

        (await client.Invoking(c => c.PublishAsync("a", new byte[1], MqttQualityOfService.ExactlyOnce).AsTask()).Should().ThrowAsync<MqttClientException>())
            .Which.ReasonCode.Should().Be(MqttReasonCode.QoSNotSupported);
        (await client.Invoking(c => c.PublishAsync("a", new byte[1], retain: true).AsTask()).Should().ThrowAsync<MqttClientException>())
            .Which.ReasonCode.Should().Be(MqttReasonCode.RetainNotSupported);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/+")]
    [InlineData("a/#")]
    public async Task PublishAsync_InvalidTopic_ThrowsArgumentException(string topic)
    {
        await using var server = new ScriptedMqttServer();
        var (client, _, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        await client.Invoking(c => c.PublishAsync(topic, new byte[1]).AsTask()).Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task PublishAsync_RequestResponseProperties_AreSent()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        await client.PublishAsync(new MqttApplicationMessage
        {
            Topic = "cmd/agent-1",
            Payload = Encoding.UTF8.GetBytes("{}"),
            ResponseTopic = "reply/portal",
            CorrelationData = new byte[] { 9, 8, 7 },
            ContentType = "application/json",
            PayloadFormat = MqttPayloadFormat.Utf8,
            MessageExpiryInterval = 30,
            UserProperties = [new MqttUserProperty("request-id", "r-1")],
        }).AsTask().WaitAsync(TestTimeout);

        var publish = await connection.ReceiveAsync<PublishPacket>();
        publish.ResponseTopic.Should().Be("reply/portal");
        publish.CorrelationData!.Value.ToArray().Should().Equal(9, 8, 7);
        publish.ContentType.Should().Be("application/json");
        publish.PayloadFormat.Should().Be(MqttPayloadFormat.Utf8);
        publish.MessageExpiryInterval.Should().Be(30);
        publish.UserProperties.Should().Equal(new MqttUserProperty("request-id", "r-1"));
    }
}
