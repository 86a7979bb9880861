using System.Buffers.Text;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Bench.Ingest;

/// <summary>
/// Agents' traffic: <c>publishers</c> connections publish QoS 1 UNS JSON values, one value per
/// message as agents do, pipelined, each for its own tags. Every value of a tag is one second after
/// the previous one and every value differs, so every message is a distinct row. The topics and
/// payloads are made before the clock starts (<see cref="Prepare"/>), the connections are open
/// (<see cref="ConnectAsync"/>) and the packets encoded (<see cref="Arm"/>), so the timed part is
/// the publishing itself. By default the publishers are <see cref="RawPublisher"/>s (pre-encoded
/// packets, the same bytes on the wire as our client's); <c>--generator client</c> publishes through
/// our <see cref="MqttClient"/> instead, as agents do, at its higher CPU cost.
/// </summary>
public sealed class LoadGenerator : IAsyncDisposable
{
    /// <summary>QoS 1 messages each client connection keeps queued (beyond the broker's window, its client queues).</summary>
    private const int Window = 2_000;

    private readonly RawPublisher[] _raw;
    private readonly MqttClient[] _clients;

    private LoadGenerator(RawPublisher[] raw, MqttClient[] clients) => (_raw, _clients) = (raw, clients);

    public static readonly DateTimeOffset Day = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);

    public static string Tag(int index) => $"Acme/Bench/Area{index % 10}/Line{index % 7}/Machine{index}/Temperature_C";

    /// <summary>Connects <paramref name="publishers"/> agent-like connections: raw publishers, or our MQTT client when <paramref name="useClient"/>.</summary>
    public static async Task<LoadGenerator> ConnectAsync(Uri broker, int publishers, string prefix, bool useClient, CancellationToken cancellationToken)
    {
        if (!useClient)
        {
            var raw = new RawPublisher[publishers];
            for (var p = 0; p < publishers; p++)
            {
                raw[p] = await RawPublisher.ConnectAsync(broker, $"bench-{prefix}-{p}", cancellationToken);
            }

            return new LoadGenerator(raw, []);
        }

        var clients = new MqttClient[publishers];
        for (var p = 0; p < publishers; p++)
        {
            clients[p] = new MqttClient(new MqttClientOptions
            {
                Server = broker,
                ClientId = $"bench-{prefix}-{p}",
                MaximumInflight = 1000,
                KeepAlive = TimeSpan.FromSeconds(60),
            });
            await clients[p].ConnectAsync(cancellationToken);
        }

        return new LoadGenerator([], clients);
    }

    /// <summary>
    /// The messages of each publisher, in publishing order: <paramref name="valuesPerTag"/> values of
    /// each of its tags (tag <c>t</c> belongs to publisher <c>t % publishers</c>), one second apart from
    /// <paramref name="start"/>.
    /// </summary>
    public static (string Topic, byte[] Payload)[][] Prepare(int publishers, int tags, int valuesPerTag, DateTimeOffset start)
    {
        var topics = Enumerable.Range(0, tags).Select(Tag).ToArray();
        return [.. Enumerable.Range(0, publishers).Select(p =>
        {
            var mine = Enumerable.Range(0, tags).Where(t => t % publishers == p).ToArray();
            var messages = new (string, byte[])[mine.Length * valuesPerTag];
            var next = 0;
            for (var i = 0; i < valuesPerTag; i++)
            {
                foreach (var tag in mine)
                {
                    messages[next++] = (topics[tag], Payload(start.AddSeconds(i), 20 + (tag / 1_000.0) + (i / 100.0), i));
                }
            }

            return messages;
        })];
    }

    /// <summary>One UNS payload, formatted without intermediate strings.</summary>
    public static byte[] Payload(DateTimeOffset timestamp, double value, long sequence)
    {
        Span<byte> span = stackalloc byte[160];
        var length = Append(span, "{\"value\":"u8);
        Utf8Formatter.TryFormat(value, span[length..], out var written);
        length += written;
        length += Append(span[length..], ",\"unit\":\"degC\",\"quality\":\"good\",\"timestamp\":\""u8);
        timestamp.UtcDateTime.TryFormat(span[length..], out written, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        length += written;
        length += Append(span[length..], "\",\"seq\":"u8);
        Utf8Formatter.TryFormat(sequence, span[length..], out written);
        length += written;
        span[length++] = (byte)'}';
        return span[..length].ToArray();
    }

    /// <summary>
    /// Encodes <paramref name="messages"/> (from <see cref="Prepare"/>) for the connections; the
    /// returned function publishes them, one connection per publisher, until every PUBACK is in.
    /// </summary>
    public Func<CancellationToken, Task> Arm((string Topic, byte[] Payload)[][] messages)
    {
        if (_raw.Length > 0)
        {
            var encoded = messages.Select((mine, p) => _raw[p].Encode(mine)).ToArray();
            return cancellationToken => Task.WhenAll(encoded.Select((mine, p) => _raw[p].PublishAsync(mine, cancellationToken)));
        }

        return cancellationToken => Task.WhenAll(messages.Select((mine, p) => RunPublisherAsync(_clients[p], mine, cancellationToken)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var publisher in _raw)
        {
            await publisher.DisposeAsync();
        }

        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task RunPublisherAsync(MqttClient client, (string Topic, byte[] Payload)[] messages, CancellationToken cancellationToken)
    {
        var window = new Queue<ValueTask<MqttReasonCode>>(Window);
        foreach (var (topic, payload) in messages)
        {
            window.Enqueue(client.PublishAsync(topic, payload, MqttQualityOfService.AtLeastOnce, cancellationToken: cancellationToken));
            if (window.Count >= Window)
            {
                Check(await window.Dequeue());
            }
        }

        while (window.Count > 0)
        {
            Check(await window.Dequeue());
        }
    }

    private static void Check(MqttReasonCode code)
    {
        if (code is not (MqttReasonCode.Success or MqttReasonCode.NoMatchingSubscribers))
        {
            throw new InvalidOperationException("The broker refused a publish: " + code);
        }
    }

    private static int Append(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
