using System.Text.Json;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Bench.Agent;

/// <summary>
/// An independent UNS consumer on the server's broker: counts every message of the site and, for
/// the clock tag, records two latencies per message at the moment it is taken off the socket:
/// receipt minus the clock value (when the simulator changed it) and receipt minus the payload's
/// timestamp (when the agent's read reply arrived).
/// </summary>
public sealed class UnsSubscriber : IAsyncDisposable
{
    /// <summary>How often the clock simulator changes its value (its <c>updateIntervalMs</c>).</summary>
    public const int ClockTickMs = 10;

    private static readonly byte[] BadQuality = "\"quality\":\"bad\""u8.ToArray();
    private readonly MqttClient _client;
    private readonly List<double> _changeToSubscriberMs = [];
    private readonly List<double> _readToSubscriberMs = [];
    private readonly List<double> _everyChangeToSubscriberMs = [];
    private readonly Lock _gate = new();
    private Task _reader = Task.CompletedTask;
    private long _messages;
    private long _bad;
    private long _disconnects;
    private bool _recording;
    private long _previousClock;

    private UnsSubscriber(MqttClient client)
    {
        _client = client;
    }

    public long Messages => Interlocked.Read(ref _messages);

    public long BadQualityMessages => Interlocked.Read(ref _bad);

    public bool IsConnected => _client.IsConnected;

    /// <summary>Times the broker connection dropped (the client reconnects to the same session).</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    public static async Task<UnsSubscriber> StartAsync(Uri broker, string filter, CancellationToken cancellationToken)
    {
        // A session that outlives a dropped connection keeps the subscription when the client reconnects.
        var client = new MqttClient(new MqttClientOptions { Server = broker, ClientId = "bench-agent-subscriber", SessionExpiryInterval = 600, ReceiveMaximum = ushort.MaxValue, ReceiveBufferCapacity = 65536 });
        await client.ConnectAsync(cancellationToken);
        await client.SubscribeAsync(filter, MqttQualityOfService.AtMostOnce, cancellationToken);
        var subscriber = new UnsSubscriber(client);
        client.Disconnected += (_, _) => Interlocked.Increment(ref subscriber._disconnects);
        subscriber._reader = subscriber.ReadAsync(cancellationToken);
        return subscriber;
    }

    /// <summary>Starts or stops keeping latencies (outside the measurement window they are not kept).</summary>
    public void Record(bool on)
    {
        lock (_gate)
        {
            _recording = on;
        }
    }

    /// <summary>
    /// Per clock message: receipt minus the value it carries (when the value read had changed) and
    /// receipt minus its timestamp (when the read reply arrived); and per clock change, receipt of the
    /// first message that showed it minus the change, the wait for the next poll included.
    /// </summary>
    public (double[] ChangeToSubscriber, double[] ReadToSubscriber, double[] EveryChangeToSubscriber) Latencies()
    {
        lock (_gate)
        {
            return ([.. _changeToSubscriberMs], [.. _readToSubscriberMs], [.. _everyChangeToSubscriberMs]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _client.Messages.ReadAllAsync(cancellationToken))
        {
            var received = DateTimeOffset.UtcNow;
            Interlocked.Increment(ref _messages);
            var payload = message.Payload.Span;
            if (payload.IndexOf(BadQuality) >= 0)
            {
                Interlocked.Increment(ref _bad);
            }

            if (message.Topic == BenchTagMap.ClockPath && !message.Retain)
            {
                using var document = JsonDocument.Parse(message.Payload);
                var root = document.RootElement;
                if (root.GetProperty("value").ValueKind != JsonValueKind.Number)
                {
                    continue;
                }

                var value = root.GetProperty("value").GetInt64();
                var changed = DateTimeOffset.FromUnixTimeMilliseconds(value);
                var read = root.GetProperty("timestamp").GetDateTimeOffset();
                lock (_gate)
                {
                    if (_recording)
                    {
                        _changeToSubscriberMs.Add((received - changed).TotalMilliseconds);
                        _readToSubscriberMs.Add((received - read).TotalMilliseconds);

                        // Every change of the clock since the previous message (one per simulator tick)
                        // became visible with this one: the wait for the next poll is part of these.
                        for (var tick = value; tick > _previousClock && _previousClock > 0; tick -= ClockTickMs)
                        {
                            _everyChangeToSubscriberMs.Add((received - DateTimeOffset.FromUnixTimeMilliseconds(tick)).TotalMilliseconds);
                        }
                    }

                    _previousClock = value;
                }
            }
        }
    }
}
