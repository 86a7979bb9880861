using System.Text.Json;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.EndToEnd.Tests.Support;

/// <summary>
/// An independent subscriber that outlives server restarts: an MQTT 5.0 persistent session
/// (Clean Start off, session expiry one hour) at QoS 1 on the server's broker, reconnecting on its
/// own. It records every UNS point it receives, duplicates included, in arrival order.
/// </summary>
public sealed class UnsWitness : IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly List<ReceivedPoint> _points = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    private UnsWitness(MqttClient client)
    {
        _client = client;
    }

    public static async Task<UnsWitness> StartAsync(Uri broker, string filter, TimeSpan timeout)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Server = broker,
            ClientId = "outage-witness",
            CleanStart = false,
            SessionExpiryInterval = 3600,
            ReceiveMaximum = 1024,
            ReceiveBufferCapacity = 65536,
            Reconnect = new MqttReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(200), MaximumDelay = TimeSpan.FromSeconds(2) },
        });
        using var cancellation = new CancellationTokenSource(timeout);
        await client.ConnectAsync(cancellation.Token);
        await client.SubscribeAsync(filter, MqttQualityOfService.AtLeastOnce, cancellation.Token);
        var witness = new UnsWitness(client);
        witness._reader = witness.ReadAsync();
        return witness;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _points.Count;
            }
        }
    }

    /// <summary>The newest source timestamp received so far (the drain is in order, so everything produced before it has arrived).</summary>
    public DateTimeOffset Newest
    {
        get
        {
            lock (_gate)
            {
                return _points.Count == 0 ? DateTimeOffset.MinValue : _points[^1].Timestamp;
            }
        }
    }

    public IReadOnlyList<ReceivedPoint> Points()
    {
        lock (_gate)
        {
            return [.. _points];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _client.DisposeAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        await foreach (var message in _client.Messages.ReadAllAsync(_stop.Token))
        {
            using var document = JsonDocument.Parse(message.Payload);
            var root = document.RootElement;
            var point = new ReceivedPoint(message.Topic, root.GetProperty("seq").GetInt64(), root.GetProperty("timestamp").GetDateTimeOffset());
            lock (_gate)
            {
                _points.Add(point);
            }
        }
    }
}
