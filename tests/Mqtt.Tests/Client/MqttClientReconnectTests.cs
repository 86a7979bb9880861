using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Client.Support;
using static Proxus.Mqtt.Tests.Client.Support.ClientTestExtensions;

namespace Proxus.Mqtt.Tests.Client;

public sealed class MqttClientReconnectTests
{
    [Fact]
    public async Task Reconnect_SessionPresent_ResendsUnacknowledgedPublishesWithDupInOrder()
    {
        await using var server = new ScriptedMqttServer();
        var (client, first, _) = await server.ConnectAsync(Options(server.Uri, reconnect: true) with { CleanStart = false, SessionExpiryInterval = 60 });
        await using var _client = client;

        var publishes = new[] { "t/1", "t/2", "t/3" }.Select(t => client.PublishAsync(t, new byte[] { 1 }, MqttQualityOfService.AtLeastOnce).AsTask()).ToList();
        var original = new List<PublishPacket>();
        for (var i = 0; i < 3; i++)
        {
            original.Add(await first.ReceiveAsync<PublishPacket>());
        }

        await first.SendAsync(new PubAckPacket { PacketId = original[1].PacketId });
        await publishes[1].WaitAsync(TestTimeout);

        var accepted = server.AcceptAsync();
        first.Drop();
        var second = await accepted;
        var reconnect = await second.AcceptConnectAsync(new ConnAckPacket { SessionPresent = true });
        reconnect.CleanStart.Should().BeFalse();

        var resent1 = await second.ReceiveAsync<PublishPacket>();
        var resent3 = await second.ReceiveAsync<PublishPacket>();
        (resent1.Topic, resent1.PacketId, resent1.Duplicate).Should().Be(("t/1", original[0].PacketId, true));
        (resent3.Topic, resent3.PacketId, resent3.Duplicate).Should().Be(("t/3", original[2].PacketId, true));

        await second.SendAsync(new PubAckPacket { PacketId = resent1.PacketId });
        await second.SendAsync(new PubAckPacket { PacketId = resent3.PacketId });
        await Task.WhenAll(publishes).WaitAsync(TestTimeout);
    }

    [Fact]
    public async Task Reconnect_SessionPresentAfterPubRec_ResendsPubRelNotPublish()
    {
        await using var server = new ScriptedMqttServer();
        var (client, first, _) = await server.ConnectAsync(Options(server.Uri, reconnect: true) with { CleanStart = false, SessionExpiryInterval = 60 });
        await using var _client = client;

        var publishing = client.PublishAsync("t/q2", new byte[] { 2 }, MqttQualityOfService.ExactlyOnce).AsTask();
        var publish = await first.ReceiveAsync<PublishPacket>();
        await first.SendAsync(new PubRecPacket { PacketId = publish.PacketId });
        await first.ReceiveAsync<PubRelPacket>();

        var accepted = server.AcceptAsync();
        first.Drop();
        var second = await accepted;
        await second.AcceptConnectAsync(new ConnAckPacket { SessionPresent = true });

        (await second.ReceiveAsync<PubRelPacket>()).PacketId.Should().Be(publish.PacketId);
        await second.SendAsync(new PubCompPacket { PacketId = publish.PacketId });
        (await publishing.WaitAsync(TestTimeout)).Should().Be(MqttReasonCode.Success);
    }

    [Theory]
    [InlineData(true, MqttReasonCode.Success)]
    [InlineData(false, MqttReasonCode.PacketIdentifierNotFound)]
    public async Task PubComp_PacketIdentifierNotFound_IsSuccessOnlyAfterAResentPubRel(bool reconnect, MqttReasonCode expected)
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri, reconnect: true) with { CleanStart = false, SessionExpiryInterval = 60 });
        await using var _client = client;

        var publishing = client.PublishAsync("t/q2", new byte[] { 2 }, MqttQualityOfService.ExactlyOnce).AsTask();
        var publish = await connection.ReceiveAsync<PublishPacket>();
        await connection.SendAsync(new PubRecPacket { PacketId = publish.PacketId });
        await connection.ReceiveAsync<PubRelPacket>();
        if (reconnect)
        {
            var accepted = server.AcceptAsync();
            connection.Drop();
            connection = await accepted;
            await connection.AcceptConnectAsync(new ConnAckPacket { SessionPresent = true });
            await connection.ReceiveAsync<PubRelPacket>();
        }

        await connection.SendAsync(new PubCompPacket { PacketId = publish.PacketId, ReasonCode = MqttReasonCode.PacketIdentifierNotFound });

        (await publishing.WaitAsync(TestTimeout)).Should().Be(expected);
    }

    [Fact]
    public async Task Reconnect_SessionLost_RestoresSubscriptionsAndSendsPendingAsNewMessages()
    {
        await using var server = new ScriptedMqttServer();
        var (client, first, _) = await server.ConnectAsync(Options(server.Uri, reconnect: true));
        await using var _client = client;

        var subscribing = client.SubscribeAsync("plant/#", MqttQualityOfService.ExactlyOnce);
        var subscribe = await first.ReceiveAsync<SubscribePacket>();
        await first.SendAsync(new SubAckPacket { PacketId = subscribe.PacketId, ReasonCodes = [MqttReasonCode.GrantedQoS2] });
        (await subscribing.WaitAsync(TestTimeout)).Should().Be(MqttReasonCode.GrantedQoS2);

        var publishing = client.PublishAsync("t/1", new byte[] { 1 }, MqttQualityOfService.AtLeastOnce).AsTask();
        await first.ReceiveAsync<PublishPacket>();

        var accepted = server.AcceptAsync();
        first.Drop();
        var second = await accepted;
        await second.AcceptConnectAsync(new ConnAckPacket { SessionPresent = false });

        var resent = await second.ReceiveAsync<PublishPacket>();
        resent.Duplicate.Should().BeFalse("the server lost the session: this is a new delivery");
        var restored = await second.ReceiveAsync<SubscribePacket>();
        restored.Subscriptions.Should().ContainSingle().Which.Should().Be(new MqttSubscription { TopicFilter = "plant/#", MaximumQualityOfService = MqttQualityOfService.ExactlyOnce });
        await second.SendAsync(new SubAckPacket { PacketId = restored.PacketId, ReasonCodes = [MqttReasonCode.GrantedQoS2] });
        await second.SendAsync(new PubAckPacket { PacketId = resent.PacketId });
        await publishing.WaitAsync(TestTimeout);
    }

    [Fact]
    public async Task Reconnect_PublishWhileDisconnected_IsSentAfterReconnect()
    {
        await using var server = new ScriptedMqttServer();
        var (client, first, _) = await server.ConnectAsync(Options(server.Uri, reconnect: true));
        await using var _client = client;

        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Disconnected += (_, e) => lost.TrySetResult();
        first.Drop();
        await lost.Task.WaitAsync(TestTimeout);
        var accepted = server.AcceptAsync();

        var publishing = client.PublishAsync("offline/queued", new byte[] { 7 }, MqttQualityOfService.AtLeastOnce).AsTask();
        var second = await accepted;
        await second.AcceptConnectAsync();
        var publish = await second.ReceiveAsync<PublishPacket>();
        publish.Topic.Should().Be("offline/queued");
        publish.Duplicate.Should().BeFalse();
        await second.SendAsync(new PubAckPacket { PacketId = publish.PacketId });
        await publishing.WaitAsync(TestTimeout);
    }

    [Fact]
    public async Task Reconnect_Disabled_PendingPublishFailsWithTheCause()
    {
        await using var server = new ScriptedMqttServer();
        var (client, first, _) = await server.ConnectAsync(Options(server.Uri, reconnect: false));
        await using var _client = client;

        var publishing = client.PublishAsync("t/1", new byte[] { 1 }, MqttQualityOfService.AtLeastOnce).AsTask();
        await first.ReceiveAsync<PublishPacket>();
        first.Drop();

        var error = await publishing.Invoking(t => t.WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        error.Which.Error.Should().Be(MqttClientError.NotConnected);
        error.Which.InnerException.Should().BeOfType<MqttClientException>().Which.Error.Should().Be(MqttClientError.ConnectionLost);
    }

    [Fact]
    public async Task Connected_EveryReconnect_RaisesTheEvent()
    {
        await using var server = new ScriptedMqttServer();
        var (client, first, _) = await server.ConnectAsync(Options(server.Uri, reconnect: true));
        await using var _client = client;
        var reconnected = new TaskCompletionSource<MqttClientConnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connected += (_, e) => reconnected.TrySetResult(e);

        var accepted = server.AcceptAsync();
        first.Drop();
        await (await accepted).AcceptConnectAsync();

        (await reconnected.Task.WaitAsync(TestTimeout)).IsReconnect.Should().BeTrue();
    }

    [Theory]
    [InlineData(0, 100, 200)]
    [InlineData(1, 200, 400)]
    [InlineData(3, 800, 1600)]
    [InlineData(20, 15_000, 30_000)]
    public void GetDelay_Attempt_IsBetweenHalfAndAllOfTheCappedExponentialDelay(int attempt, double minimumMs, double maximumMs)
    {
        var options = new MqttReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(200), MaximumDelay = TimeSpan.FromSeconds(30) };
        var random = new Random(attempt);
        var delays = Enumerable.Range(0, 200).Select(_ => options.GetDelay(attempt, random).TotalMilliseconds).ToList();

        delays.Should().OnlyContain(d => d >= minimumMs && d <= maximumMs);
        delays.Distinct().Should().HaveCountGreaterThan(100, "the delay is jittered");
    }
}
