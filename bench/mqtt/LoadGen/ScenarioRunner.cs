using System.Diagnostics;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Bench.Mqtt;

/// <summary>Runs one scenario against one broker with our client and measures it.</summary>
public sealed class ScenarioRunner
{
    private readonly Scenario _scenario;
    private readonly BrokerProcess _broker;
    private readonly ClientIdentities _identities;
    private readonly TimeSpan _duration;

    public ScenarioRunner(Scenario scenario, BrokerProcess broker, ClientIdentities identities, TimeSpan duration)
    {
        _scenario = scenario;
        _broker = broker;
        _identities = identities;
        _duration = duration;
    }

    /// <summary>When set, the latency of each slice of the run is printed (<see cref="LatencyTimeline"/>).</summary>
    public TimeSpan? TimelineSlice { get; init; }

    public async Task<ScenarioResult> RunAsync()
    {
        var subscribers = await ConnectManyAsync("sub", _scenario.Subscribers);
        var publishers = await ConnectManyAsync("pub", _scenario.Publishers);
        try
        {
            for (var i = 0; i < subscribers.Count; i++)
            {
                var filter = _scenario.Shape switch
                {
                    ScenarioShape.FanIn => "bench/in/#",
                    ScenarioShape.FanOut => "bench/out",
                    _ => $"bench/pair/{i}",
                };
                await subscribers[i].SubscribeAsync(filter, _scenario.Qos, cancellationToken: CancellationToken.None);
            }

            var states = subscribers.Select(_ => new SubscriberState()).ToArray();
            var consumers = subscribers.Select((s, i) => ConsumeAsync(s, states[i])).ToArray();
            var published = new long[publishers.Count];
            var cpuBefore = _broker.CpuSeconds();
            var started = Stopwatch.GetTimestamp();
            foreach (var state in states)
            {
                state.LatencyFrom = started + Stopwatch.Frequency; // one second of warm-up
            }

            using (var stop = new CancellationTokenSource(_duration))
            {
                var running = _scenario.TargetRate is { } rate
                    ? [PublishAtRateAsync(publishers, rate, published, stop.Token)]
                    : publishers.Select((p, i) => PublishFlatOutAsync(p, i, published, stop.Token)).ToArray();
                await Task.WhenAll(running);
            }

            var expected = published.Sum() * (_scenario.Shape == ScenarioShape.FanOut ? _scenario.Subscribers : 1);
            await DrainAsync(states, expected);
            var cpu = _broker.CpuSeconds() - cpuBefore;
            var delivered = states.Sum(s => s.Received);
            var last = states.Max(s => s.LastReceivedTimestamp);
            var seconds = Stopwatch.GetElapsedTime(started, Math.Max(last, started + 1)).TotalSeconds;
            var latencies = states.SelectMany(s => s.LatenciesMicros).Order().ToArray();
            if (TimelineSlice is { } slice)
            {
                var probe = _broker.ProbeOutput is { } path && File.Exists(path) ? ProbeEvent.Read(path) : [];
                Console.Error.Write(LatencyTimeline.Describe($"{_scenario.Name} on {_broker.Name}", states, started, slice, probe));
            }

            var distinct = states.Sum(s => s.Distinct);
            return new ScenarioResult(
                _scenario.Name,
                _broker.Name,
                delivered / seconds,
                delivered == 0 ? 0 : cpu * 1e6 / delivered,
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.99),
                published.Sum(),
                delivered,
                Math.Max(0, expected - distinct),
                states.Sum(s => s.Duplicates));
        }
        finally
        {
            await Task.WhenAll(publishers.Concat(subscribers).Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static double Percentile(int[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, sorted.Length * p)] / 1000.0;

    private static async Task ConsumeAsync(MqttClient subscriber, SubscriberState state)
    {
        await foreach (var message in subscriber.Messages.ReadAllAsync())
        {
            state.Record(message.Payload.Span);
        }
    }

    /// <summary>Waits until every expected message arrived, or nothing arrived for two seconds (then the rest is lost).</summary>
    private static async Task DrainAsync(SubscriberState[] states, long expected)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 30);
        long seen = -1;
        var quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var now = states.Sum(s => s.Received);
            if (states.Sum(s => s.Distinct) >= expected)
            {
                return;
            }

            if (now != seen)
            {
                seen = now;
                quietSince = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(quietSince) > TimeSpan.FromSeconds(2))
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    private async Task PublishFlatOutAsync(MqttClient client, int publisher, long[] published, CancellationToken stop)
    {
        var topic = Topic(publisher);
        var pending = new Queue<Task<MqttReasonCode>>();
        long sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            var payload = SubscriberState.CreatePayload(_scenario.PayloadSize, publisher, sequence++);
            if (_scenario.Qos == MqttQualityOfService.AtMostOnce)
            {
                await client.PublishAsync(topic, payload, _scenario.Qos, cancellationToken: CancellationToken.None);
                published[publisher]++;
                continue;
            }

            pending.Enqueue(client.PublishAsync(topic, payload, _scenario.Qos, cancellationToken: CancellationToken.None).AsTask());
            if (pending.Count >= _scenario.Window)
            {
                Count(await pending.Dequeue());
            }
        }

        while (pending.Count > 0)
        {
            Count(await pending.Dequeue());
        }

        void Count(MqttReasonCode code)
        {
            if (code < MqttReasonCode.UnspecifiedError)
            {
                published[publisher]++;
            }
        }
    }

    /// <summary>A fixed total rate, spread round-robin over the publishers, paced every millisecond.</summary>
    private async Task PublishAtRateAsync(List<MqttClient> publishers, int rate, long[] published, CancellationToken stop)
    {
        var sequences = new long[publishers.Count];
        var pending = new List<(int Publisher, Task<MqttReasonCode> Result)>();
        var started = Stopwatch.GetTimestamp();
        long sent = 0;
        var next = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var publisher = next;
                next = (next + 1) % publishers.Count;
                var payload = SubscriberState.CreatePayload(_scenario.PayloadSize, publisher, sequences[publisher]++);
                pending.Add((publisher, publishers[publisher].PublishAsync(Topic(publisher), payload, _scenario.Qos, cancellationToken: CancellationToken.None).AsTask()));
            }

            await Task.Delay(1, CancellationToken.None);
        }

        foreach (var (publisher, result) in pending)
        {
            if (await result < MqttReasonCode.UnspecifiedError)
            {
                published[publisher]++;
            }
        }
    }

    private string Topic(int publisher) => _scenario.Shape switch
    {
        ScenarioShape.FanIn => $"bench/in/{publisher}",
        ScenarioShape.FanOut => "bench/out",
        _ => $"bench/pair/{publisher}",
    };

    private async Task<List<MqttClient>> ConnectManyAsync(string role, int count)
    {
        var clients = new MqttClient[count];
        for (var batch = 0; batch < count; batch += 50)
        {
            var tasks = Enumerable.Range(batch, Math.Min(50, count - batch)).Select(async i =>
            {
                var client = new MqttClient(Options(role, i));
                await client.ConnectAsync();
                clients[i] = client;
            });
            await Task.WhenAll(tasks);
        }

        return [.. clients];
    }

    private MqttClientOptions Options(string role, int index) => new()
    {
        Server = _scenario.MutualTls ? new Uri($"mqtts://127.0.0.1:{_broker.TlsPort}") : new Uri($"mqtt://127.0.0.1:{_broker.Port}"),
        ClientId = _identities.ClientId(role, index),
        ProtocolVersion = MqttProtocolVersion.V500,
        KeepAlive = TimeSpan.FromSeconds(60),
        ReceiveMaximum = ushort.MaxValue,
        ReceiveBufferCapacity = 65_536,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        Reconnect = new MqttReconnectOptions { Enabled = false },
        Tls = _scenario.MutualTls
            ? new MqttClientTlsOptions { TrustedCertificateAuthorities = _identities.TrustedAuthorities, ClientCertificate = _identities.Certificate(role, index) }
            : null,
    };
}
