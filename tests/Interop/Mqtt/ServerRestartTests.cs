using System.Net;
using Proxus.Interop.Tests.Mqtt.Support;

namespace Proxus.Interop.Tests.Mqtt;

/// <summary>Durable state across a server restart, and the WebSocket endpoint's refusals.</summary>
public sealed class ServerRestartTests
{
    [Fact]
    public async Task Restart_RetainedAndPersistentSessionSurvive()
    {
        var first = await BrokerHost.StartAsync();
        var port = first.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var durable = Peers.Sub("-h", "127.0.0.1", "-p", port, "-d", "-V", "mqttv5", "-i", "durable", "-c", "-x", "3600", "-q", "1", "-t", "queue/#"))
        {
            await durable.WaitForOutputAsync("received SUBACK", Peers.Timeout);
            durable.Kill();
            await durable.WaitForExitAsync(Peers.Timeout);
        }

        (await Peers.PubAsync("-h", "127.0.0.1", "-p", port, "-t", "site/last", "-m", "kept", "-r", "-q", "1")).ExitCode.Should().Be(0);
        (await Peers.PubAsync("-h", "127.0.0.1", "-p", port, "-t", "queue/a", "-m", "queued", "-q", "1")).ExitCode.Should().Be(0);
        await first.StopAsync();

        await using var second = await BrokerHost.StartAsync(dataDirectory: first.DataDirectory);
        port = second.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var retained = Peers.Sub("-h", "127.0.0.1", "-p", port, "-t", "site/#", "-C", "1", "-W", "30", "-F", "%t %p");
        await using var resumed = Peers.Sub("-h", "127.0.0.1", "-p", port, "-V", "mqttv5", "-i", "durable", "-c", "-x", "3600", "-q", "1", "-t", "queue/#", "-C", "1", "-W", "30", "-F", "%t %p");

        MosquittoClientTests.Messages(await retained.SucceedsAsync()).Should().Equal("site/last kept");
        MosquittoClientTests.Messages(await resumed.SucceedsAsync()).Should().Equal("queue/a queued");
    }

    [Fact]
    public async Task WebSocketEndpoint_PlainHttpOrWrongSubprotocol_BadRequest()
    {
        await using var host = await BrokerHost.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var plain = await http.GetAsync(new Uri($"http://127.0.0.1:{host.HttpPort}/mqtt"));
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.AddSubProtocol("chat");
        var upgrade = async () => await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{host.HttpPort}/mqtt"), CancellationToken.None);

        plain.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await upgrade.Should().ThrowAsync<System.Net.WebSockets.WebSocketException>();
    }
}
