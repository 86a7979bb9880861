using Proxus.Drivers.OpcUa;

namespace Proxus.Interop.Tests.OpcUa;

public sealed class SubscriptionTests(NodeOpcUaServer server) : IClassFixture<NodeOpcUaServer>
{
    private static readonly NodeId[] Dynamics = [.. Enumerable.Range(0, 1000).Select(i => new NodeId($"Dynamic.{i}", 1))];

    [Fact]
    public async Task Subscription_ThousandItemsChangingEvery100ms_DeliversEveryChange()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());
        await using var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        await using var collector = new DataChangeCollector(subscription);

        var items = await subscription.AddItemsAsync(Dynamics.Select(n => new MonitoredItemOptions(n) { SamplingInterval = TimeSpan.Zero, QueueSize = 100 }).ToArray());
        items.Should().OnlyContain(i => i.ServerId != 0 && !i.Status.IsBad);
        await collector.WaitUntilAsync(c => Dynamics.All(n => c.ValuesOf(n).Count >= 25), TimeSpan.FromSeconds(60));

        foreach (var node in Dynamics)
        {
            AssertConsecutive(collector.ValuesOf(node), node);
        }

        subscription.LostMessages.Should().Be(0);
    }

    [Fact]
    public async Task Subscription_AbsoluteDeadband_SuppressesSmallChanges()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());
        await using var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        await using var collector = new DataChangeCollector(subscription);

        await subscription.AddItemsAsync([new MonitoredItemOptions(new NodeId("Ramp", 1)) { SamplingInterval = TimeSpan.Zero, DeadbandType = DeadbandType.Absolute, DeadbandValue = 4.5 }]);
        await collector.WaitUntilAsync(c => c.ValuesOf(new NodeId("Ramp", 1)).Count >= 6, TimeSpan.FromSeconds(30));

        AssertDeadband(collector.ValuesOf(new NodeId("Ramp", 1)), 4.5);
    }

    [Fact]
    public async Task Subscription_PercentDeadbandOnAnalogItem_SuppressesSmallChanges()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());
        await using var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        await using var collector = new DataChangeCollector(subscription);

        var items = await subscription.AddItemsAsync([new MonitoredItemOptions(new NodeId("Ramp", 1)) { SamplingInterval = TimeSpan.Zero, DeadbandType = DeadbandType.Percent, DeadbandValue = 4.5 }]);
        items[0].Status.IsBad.Should().BeFalse();
        await collector.WaitUntilAsync(c => c.ValuesOf(new NodeId("Ramp", 1)).Count >= 6, TimeSpan.FromSeconds(30));

        AssertDeadband(collector.ValuesOf(new NodeId("Ramp", 1)), 4.5);
    }

    [Fact]
    public async Task AddItemsAsync_UnknownNode_ReportsItsStatusPerItem()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());
        await using var subscription = await client.SubscribeAsync();

        var items = await subscription.AddItemsAsync([new MonitoredItemOptions(new NodeId("NoSuchNode", 1)), new MonitoredItemOptions(new NodeId("Sine", 1))]);

        items[0].Status.Should().Be(StatusCode.BadNodeIdUnknown);
        items[1].Status.IsBad.Should().BeFalse();
        subscription.Items.Should().ContainSingle().Which.NodeId.Should().Be(new NodeId("Sine", 1));
    }

    [Fact]
    public async Task DeleteAsync_Subscription_CompletesTheChangesStream()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());
        var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        await subscription.AddItemsAsync([new MonitoredItemOptions(new NodeId("Sine", 1))]);
        await subscription.Changes.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await subscription.DeleteAsync();

        var drained = subscription.Changes.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        while (subscription.Changes.TryRead(out _))
        {
        }

        await drained;
        drained.IsCompletedSuccessfully.Should().BeTrue();
    }

    internal static void AssertConsecutive(IReadOnlyList<DataValue> values, NodeId node)
    {
        var counters = values.Where(v => v.Status.IsGood).Select(v => (uint)v.Value.Value!).ToArray();
        for (var i = 1; i < counters.Length; i++)
        {
            counters[i].Should().Be(counters[i - 1] + 1, $"{node} must report every change (value {i} of {counters.Length})");
        }
    }

    private static void AssertDeadband(IReadOnlyList<DataValue> values, double deadband)
    {
        var numbers = values.Select(v => (double)v.Value.Value!).ToArray();
        for (var i = 1; i < numbers.Length; i++)
        {
            Math.Abs(numbers[i] - numbers[i - 1]).Should().BeGreaterThan(deadband);
        }
    }
}
