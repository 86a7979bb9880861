using Proxus.Interop.Tests.Mqtt.Support;

namespace Proxus.Interop.Tests.Mqtt;

/// <summary>MQTT.js over TCP and over WebSocket (/mqtt) against our broker as the server hosts it.</summary>
public sealed class MqttJsClientTests : IAsyncLifetime
{
    private BrokerHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("4", 0)]
    [InlineData("4", 1)]
    [InlineData("4", 2)]
    [InlineData("5", 0)]
    [InlineData("5", 1)]
    [InlineData("5", 2)]
    public async Task RoundTripTcp_EachQoS_DeliveredInOrder(string version, int qos)
    {
        await using var js = Peers.MqttJs("roundtrip", TcpUrl, version, qos.ToString(System.Globalization.CultureInfo.InvariantCulture), "50");

        (await js.SucceedsAsync()).Should().Contain("OK 50");
    }

    [Theory]
    [InlineData("4")]
    [InlineData("5")]
    public async Task RoundTripWebSocket_QoS1_DeliveredInOrder(string version)
    {
        await using var js = Peers.MqttJs("roundtrip", WebSocketUrl, version, "1", "50");

        (await js.SucceedsAsync()).Should().Contain("OK 50");
    }

    [Fact]
    public async Task Retained_ReachesLaterSubscriber()
    {
        await using var js = Peers.MqttJs("retained", TcpUrl, "5");

        (await js.SucceedsAsync()).Should().Contain("OK retained");
    }

    [Fact]
    public async Task Will_OverWebSocket_DeliveredWhenConnectionDrops()
    {
        await using var js = Peers.MqttJs("will", WebSocketUrl, "5");

        (await js.SucceedsAsync()).Should().Contain("OK will");
    }

    private string TcpUrl => $"mqtt://127.0.0.1:{_host.MqttPort}";

    private string WebSocketUrl => $"ws://127.0.0.1:{_host.HttpPort}/mqtt";
}
