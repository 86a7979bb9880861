using System.Text;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class BrokerWillTests
{
    private static ConnectPacket WithWill(ConnectPacket connect, uint delay = 0, uint sessionExpiry = 0) => connect with
    {
        SessionExpiryInterval = sessionExpiry,
        Will = new MqttWillMessage { Topic = "status/agent", Payload = "offline"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, Retain = true, DelayInterval = delay },
    };

    [Fact]
    public async Task Will_ConnectionLost_PublishedAndRetained()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var watcher = await broker.ConnectAsync("watcher");
        await watcher.SubscribeAsync("status/#", MqttQualityOfService.AtLeastOnce);
        var agent = await broker.ConnectAsync("agent", configure: c => WithWill(c));

        await agent.AbortAsync();

        var will = await watcher.ReceiveAsync<PublishPacket>();
        will.Topic.Should().Be("status/agent");
        Encoding.UTF8.GetString(will.Payload.Span).Should().Be("offline");
        broker.Broker.RetainedMessageCount.Should().Be(1);
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task Will_NormalDisconnect_NotPublished()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var watcher = await broker.ConnectAsync("watcher");
        await watcher.SubscribeAsync("#");
        var agent = await broker.ConnectAsync("agent", configure: c => WithWill(c));

        await agent.DisconnectAsync();
        await watcher.PublishAsync("marker", "x");

        (await watcher.ReceiveAsync<PublishPacket>()).Topic.Should().Be("marker");
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task Will_DisconnectWithWillMessage_Published()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var watcher = await broker.ConnectAsync("watcher");
        await watcher.SubscribeAsync("status/#");
        var agent = await broker.ConnectAsync("agent", configure: c => WithWill(c));

        await agent.DisconnectAsync(MqttReasonCode.DisconnectWithWillMessage);

        (await watcher.ReceiveAsync<PublishPacket>()).Topic.Should().Be("status/agent");
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task Will_Delay_PublishedAfterDelay()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var watcher = await broker.ConnectAsync("watcher");
        await watcher.SubscribeAsync("status/#");
        var agent = await broker.ConnectAsync("agent", configure: c => WithWill(c, delay: 1, sessionExpiry: 60));
        var lostAt = DateTime.UtcNow;

        await agent.AbortAsync();

        await watcher.ReceiveAsync<PublishPacket>();
        (DateTime.UtcNow - lostAt).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task Will_Delay_CancelledByReconnectWithinDelay()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var watcher = await broker.ConnectAsync("watcher");
        await watcher.SubscribeAsync("#");
        var agent = await broker.ConnectAsync("agent", configure: c => WithWill(c, delay: 2, sessionExpiry: 60));
        await agent.AbortAsync();
        await agent.DisposeAsync();

        await using var back = await broker.ConnectAsync("agent", configure: c => c with { CleanStart = false, SessionExpiryInterval = 60 });
        await Task.Delay(2500);
        await watcher.PublishAsync("marker", "x");

        (await watcher.ReceiveAsync<PublishPacket>()).Topic.Should().Be("marker");
    }

    [Fact]
    public async Task Will_SessionTakenOver_PublishedWhenNoDelay()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var watcher = await broker.ConnectAsync("watcher");
        await watcher.SubscribeAsync("status/#");
        await using var first = await broker.ConnectAsync("agent", configure: c => WithWill(c));

        await using var second = await broker.ConnectAsync("agent");

        (await watcher.ReceiveAsync<PublishPacket>()).Topic.Should().Be("status/agent");
    }
}
