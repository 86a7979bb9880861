using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Server.Tests.Support;

/// <summary>An agent-like publisher of UNS values (QoS 1, our client) for the ingest tests.</summary>
public sealed class UnsPublisher : IAsyncDisposable
{
    private readonly MqttClient _client;

    private UnsPublisher(MqttClient client) => _client = client;

    public static async Task<UnsPublisher> ConnectAsync(Uri broker)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Server = broker,
            ClientId = "publisher-" + Guid.NewGuid().ToString("N"),
            MaximumInflight = 100,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(timeout.Token);
        return new UnsPublisher(client);
    }

    /// <summary>Publishes at QoS 1 and waits for the broker's PUBACK.</summary>
    public async Task PublishAsync(string topic, byte[] payload)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await _client.PublishAsync(topic, payload, MqttQualityOfService.AtLeastOnce, cancellationToken: timeout.Token);
        code.Should().BeOneOf(MqttReasonCode.Success, MqttReasonCode.NoMatchingSubscribers);
    }

    /// <summary>Publishes <paramref name="count"/> values of one tag, one second apart from <paramref name="start"/>, pipelined.</summary>
    public async Task PublishSeriesAsync(string tag, DateTimeOffset start, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var sends = new List<Task<MqttReasonCode>>(count);
        for (var i = 0; i < count; i++)
        {
            sends.Add(_client.PublishAsync(tag, TelemetrySamples.Payload(start.AddSeconds(i), i), MqttQualityOfService.AtLeastOnce, cancellationToken: timeout.Token).AsTask());
        }

        (await Task.WhenAll(sends)).Should().OnlyContain(code => code == MqttReasonCode.Success || code == MqttReasonCode.NoMatchingSubscribers);
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
