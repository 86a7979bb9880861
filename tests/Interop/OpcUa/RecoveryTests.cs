using Proxus.Drivers.OpcUa;

namespace Proxus.Interop.Tests.OpcUa;

public sealed class RecoveryTests(NodeOpcUaServer server) : IClassFixture<NodeOpcUaServer>
{
    private static readonly NodeId[] Dynamics = [.. Enumerable.Range(0, 1000).Select(i => new NodeId($"Dynamic.{i}", 1))];

    [Fact]
    public async Task ConnectionDropped_SessionIsReactivatedAndEveryChangeStillArrives()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt));
        await using var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        await using var collector = new DataChangeCollector(subscription);
        await subscription.AddItemsAsync(Dynamics.Take(100).Select(n => new MonitoredItemOptions(n) { SamplingInterval = TimeSpan.Zero, QueueSize = 1000 }).ToArray());
        await collector.WaitUntilAsync(c => c.ValuesOf(Dynamics[0]).Count >= 5, TimeSpan.FromSeconds(30));
        var sessionId = client.SessionId;

        await client.DropConnectionAsync(closeSession: false, CancellationToken.None);
        await WaitForReconnectAsync(client, 1);
        var before = collector.ValuesOf(Dynamics[0]).Count;
        await collector.WaitUntilAsync(c => Dynamics.Take(100).All(n => c.ValuesOf(n).Count >= before + 10), TimeSpan.FromSeconds(30));

        client.SessionId.Should().Be(sessionId);
        foreach (var node in Dynamics.Take(100))
        {
            SubscriptionTests.AssertConsecutive(collector.ValuesOf(node), node);
        }
    }

    [Fact]
    public async Task SessionLost_NewSessionGetsTheSubscriptionBack()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt, new UserNameIdentity("operator", "secret")));
        await using var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        await using var collector = new DataChangeCollector(subscription);
        await subscription.AddItemsAsync([new MonitoredItemOptions(new NodeId("Sine", 1)) { SamplingInterval = TimeSpan.Zero }]);
        await collector.WaitUntilAsync(c => c.Count >= 3, TimeSpan.FromSeconds(30));
        var sessionId = client.SessionId;
        var subscriptionId = subscription.Id;

        await client.DropConnectionAsync(closeSession: true, CancellationToken.None);
        await WaitForReconnectAsync(client, 1);
        var before = collector.Count;
        await collector.WaitUntilAsync(c => c.Count >= before + 10, TimeSpan.FromSeconds(30));

        client.SessionId.Should().NotBe(sessionId);
        subscription.Id.Should().Be(subscriptionId, "the subscription is transferred, not recreated");
        (await client.ReadAsync("ns=1;s=Boolean")).Value.Value.Should().Be(true);
    }

    [Fact]
    public async Task ReadAsync_RightAfterTheChannelClosed_IsRetriedOnTheRecoveredChannel()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());

        await client.DropConnectionAsync(closeSession: false, CancellationToken.None);
        var value = await client.ReadAsync("ns=1;s=Int32");

        value.Value.Value.Should().Be(-2000000000);
        client.ReconnectCount.Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task ServerRestartedMidSubscription_ClientRecoversOnItsOwnAndDeliversAgain()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());
        await using var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        await using var collector = new DataChangeCollector(subscription);
        await subscription.AddItemsAsync(Dynamics.Select(n => new MonitoredItemOptions(n) { SamplingInterval = TimeSpan.Zero, QueueSize = 100 }).ToArray());
        await collector.WaitUntilAsync(c => Dynamics.All(n => c.ValuesOf(n).Count >= 5), TimeSpan.FromSeconds(60));
        var subscriptionId = subscription.Id;

        await server.RestartAsync(TimeSpan.FromSeconds(1));
        await WaitForReconnectAsync(client, 1);
        var counts = Dynamics.ToDictionary(n => n, n => collector.ValuesOf(n).Count);
        await collector.WaitUntilAsync(c => Dynamics.All(n => c.ValuesOf(n).Count >= counts[n] + 10), TimeSpan.FromSeconds(60));

        client.State.Should().Be(OpcUaConnectionState.Connected);
        subscription.Items.Should().HaveCount(1000);
        foreach (var node in Dynamics)
        {
            // After the restart the server counts from 1 again: every change after that is there, in order.
            SubscriptionTests.AssertConsecutive(collector.ValuesOf(node).Skip(counts[node] + 1).ToArray(), node);
        }

        subscriptionId.Should().BeGreaterThan(0);
        (await client.ReadAsync("ns=1;s=Boolean")).Value.Value.Should().Be(true);
    }

    private static async Task WaitForReconnectAsync(OpcUaClient client, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (client.ReconnectCount < count || client.State != OpcUaConnectionState.Connected)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the client must reconnect on its own");
            await Task.Delay(50);
        }
    }
}
