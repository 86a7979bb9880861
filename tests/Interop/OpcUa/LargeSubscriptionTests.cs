using Proxus.Drivers.OpcUa;

namespace Proxus.Interop.Tests.OpcUa;

/// <summary>
/// One session, one subscription of 10,000 monitored items changing every 100 ms: the server (which puts
/// at most 1,000 notifications in a message) has to split every publishing cycle into ten messages, so the
/// client must keep enough Publish requests in flight for every change to arrive.
/// </summary>
public sealed class LargeSubscriptionTests(LargeNodeOpcUaServer fixture) : IClassFixture<LargeNodeOpcUaServer>
{
    private const int ChangesPerItem = 10;

    private static readonly NodeId[] Dynamics = [.. Enumerable.Range(0, LargeNodeOpcUaServer.DynamicCount).Select(i => new NodeId($"Dynamic.{i}", 1))];

    [Fact]
    public async Task Subscription_TenThousandItemsChangingEvery100ms_DeliversEveryChange()
    {
        await using var client = await OpcUaClient.ConnectAsync(fixture.Server.Options());
        await using var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        await using var collector = new DataChangeCollector(subscription);

        var items = await subscription.AddItemsAsync([.. Dynamics.Select(n => new MonitoredItemOptions(n) { SamplingInterval = TimeSpan.Zero, QueueSize = 100 })]);
        items.Should().HaveCount(Dynamics.Length).And.OnlyContain(i => i.ServerId != 0 && !i.Status.IsBad);
        await collector.WaitUntilAsync(
            c => c.Count >= (long)ChangesPerItem * Dynamics.Length && Dynamics.All(n => c.ValuesOf(n).Count >= ChangesPerItem),
            TimeSpan.FromSeconds(120));

        foreach (var node in Dynamics)
        {
            SubscriptionTests.AssertConsecutive(collector.ValuesOf(node), node);
        }

        subscription.LostMessages.Should().Be(0);
    }
}
