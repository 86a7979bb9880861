using Proxus.Interop.Tests.Mqtt.Support;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Mqtt;

/// <summary>mosquitto_pub / mosquitto_sub (mosquitto 2.0 clients) against our broker as the server hosts it.</summary>
public sealed class MosquittoClientTests : IAsyncLifetime
{
    private BrokerHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("mqttv311", 0)]
    [InlineData("mqttv311", 1)]
    [InlineData("mqttv311", 2)]
    [InlineData("mqttv5", 0)]
    [InlineData("mqttv5", 1)]
    [InlineData("mqttv5", 2)]
    public async Task PublishSubscribe_EachQoS_DeliveredInOrder(string version, int qos)
    {
        var topic = $"uns/{version}/{qos}";
        await using var sub = await SubscribeAsync(["-t", "uns/#", "-q", qos.ToString(), "-V", version, "-C", "3", "-F", "%t %p %q"]);

        foreach (var value in new[] { "a", "b", "c" })
        {
            (await Peers.PubAsync("-h", "127.0.0.1", "-p", Port, "-t", topic, "-m", value, "-q", qos.ToString(), "-V", version)).ExitCode.Should().Be(0);
        }

        var lines = Messages(await sub.SucceedsAsync());
        lines.Should().Equal($"{topic} a {qos}", $"{topic} b {qos}", $"{topic} c {qos}");
    }

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Retained_ReceivedByLaterSubscriberWithRetainFlag(string version)
    {
        (await Peers.PubAsync("-h", "127.0.0.1", "-p", Port, "-t", "site/temp", "-m", "72.4", "-r", "-q", "1", "-V", version)).ExitCode.Should().Be(0);

        await using var sub = Peers.Sub("-h", "127.0.0.1", "-p", Port, "-t", "site/#", "-V", version, "-C", "1", "-W", "30", "-F", "%t %p %r");

        Messages(await sub.SucceedsAsync()).Should().Equal("site/temp 72.4 1");
    }

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Will_ClientKilled_WillDeliveredToWatcher(string version)
    {
        await using var watcher = await SubscribeAsync(["-t", "status/#", "-V", version, "-C", "1", "-F", "%t %p"]);
        await using var agent = await SubscribeAsync(["-t", "commands/agent", "-V", version, "-i", "agent-" + version, "--will-topic", "status/agent", "--will-payload", "offline", "--will-qos", "1"]);

        agent.Kill();

        Messages(await watcher.SucceedsAsync()).Should().Equal("status/agent offline");
    }

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task PersistentSession_ResumedWithQueuedMessages(string version)
    {
        var clientId = "durable-" + version;
        string[] session = version == "mqttv5" ? ["-c", "-x", "3600"] : ["-c"];
        await using (var first = await SubscribeAsync(["-t", "queue/#", "-q", "1", "-V", version, "-i", clientId, .. session]))
        {
            first.Kill();
            await first.WaitForExitAsync(Peers.Timeout);
        }

        foreach (var value in new[] { "1", "2", "3" })
        {
            (await Peers.PubAsync("-h", "127.0.0.1", "-p", Port, "-t", "queue/x", "-m", value, "-q", "1", "-V", version)).ExitCode.Should().Be(0);
        }

        await using var resumed = Peers.Sub(["-h", "127.0.0.1", "-p", Port, "-t", "queue/#", "-q", "1", "-V", version, "-i", clientId, .. session, "-C", "3", "-W", "30", "-F", "%p"]);
        Messages(await resumed.SucceedsAsync()).Should().Equal("1", "2", "3");
    }

    private string Port => _host.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts mosquitto_sub with debug output and waits until its SUBACK arrived.</summary>
    private async Task<ExternalProcess> SubscribeAsync(string[] arguments)
    {
        var sub = Peers.Sub(["-h", "127.0.0.1", "-p", Port, "-d", "-W", "30", .. arguments]);
        await sub.WaitForOutputAsync("received SUBACK", Peers.Timeout);
        return sub;
    }

    /// <summary>The message lines of mosquitto_sub's output, without its -d debug lines.</summary>
    internal static List<string> Messages(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => !line.StartsWith("Client ", StringComparison.Ordinal) && !line.StartsWith("Subscribed", StringComparison.Ordinal))
        .ToList();
}
