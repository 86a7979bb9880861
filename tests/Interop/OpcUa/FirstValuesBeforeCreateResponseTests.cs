using Proxus.Drivers.OpcUa;

namespace Proxus.Interop.Tests.OpcUa;

/// <summary>
/// node-opcua creating monitored items at once but answering CreateMonitoredItems 1.5 s later: the items'
/// first values reach the client in a Publish response before the response that names the items.
/// </summary>
public sealed class LateCreateResponseServer : IAsyncLifetime
{
    public NodeOpcUaServer Server { get; } = new() { ExtraArguments = ["--delay-create-monitored-items-response", "1500"] };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// A value that never changes is reported once, in the first notification after its item is created. The
/// client must deliver it even when that notification is processed before the CreateMonitoredItems
/// response (on a loaded machine the two race; losing it left a tag without any value).
/// </summary>
public sealed class FirstValuesBeforeCreateResponseTests(LateCreateResponseServer fixture) : IClassFixture<LateCreateResponseServer>
{
    [Fact]
    public async Task AddItemsAsync_FirstValuesPublishedBeforeTheResponse_AreDelivered()
    {
        await using var client = await OpcUaClient.ConnectAsync(fixture.Server.Options());
        await using var subscription = await client.SubscribeAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        await using var collector = new DataChangeCollector(subscription);
        var constant = new NodeId("Float", 1);

        var items = await subscription.AddItemsAsync([new MonitoredItemOptions(constant), new MonitoredItemOptions(new NodeId("NoSuchNode", 1))]);
        await collector.WaitUntilAsync(c => c.ValuesOf(constant).Count > 0, TimeSpan.FromSeconds(10));

        items[0].Status.IsGood.Should().BeTrue();
        items[1].Status.Should().Be(StatusCode.BadNodeIdUnknown);
        collector.ValuesOf(constant).Should().ContainSingle().Which.Value.Value.Should().Be(3.5f);
        subscription.Items.Should().ContainSingle("an item the server refused is not kept").Which.NodeId.Should().Be(constant);
    }
}
