using Proxus.Interop.Tests.Mqtt.Support;

namespace Proxus.Interop.Tests.Mqtt;

/// <summary>Eclipse Paho (python3-paho-mqtt) against our broker as the server hosts it.</summary>
public sealed class PahoClientTests : IAsyncLifetime
{
    private BrokerHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("311", 0)]
    [InlineData("311", 1)]
    [InlineData("311", 2)]
    [InlineData("5", 0)]
    [InlineData("5", 1)]
    [InlineData("5", 2)]
    public async Task RoundTrip_EachQoS_DeliveredInOrder(string version, int qos)
    {
        await using var paho = Peers.Paho("roundtrip", Port, version, qos.ToString(System.Globalization.CultureInfo.InvariantCulture), "50");

        (await paho.SucceedsAsync()).Should().Contain("OK 50");
    }

    [Fact]
    public async Task SharedSubscription_MessagesSplitBetweenMembers()
    {
        await using var paho = Peers.Paho("shared", Port, "20");

        var output = await paho.SucceedsAsync();

        var counts = output.Trim().Split(' ')[1..].Select(int.Parse).ToArray();
        counts.Should().HaveCount(2).And.OnlyContain(n => n > 0, "round-robin gives both members work");
        counts.Sum().Should().Be(20);
    }

    [Theory]
    [InlineData("311")]
    [InlineData("5")]
    public async Task PersistentSession_QueuedQoS1DeliveredOnResume(string version)
    {
        await using var paho = Peers.Paho("persist", Port, version);

        (await paho.SucceedsAsync()).Should().Contain("OK persist");
    }

    private string Port => _host.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
