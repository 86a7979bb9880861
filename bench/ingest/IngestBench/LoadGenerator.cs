using System.Buffers.Text;
using System.Text;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Bench.Ingest;

/// <summary>
/// Agents' traffic: <c>publishers</c> connections publish QoS 1 UNS JSON values, pipelined, each
/// for its own tags; every value of a tag one second after the previous (so every row is unique).
/// </summary>
public static class LoadGenerator
{
    public static readonly DateTimeOffset Day = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);

    public static string Tag(int index) => $"Acme/Bench/Area{index % 10}/Line{index % 7}/Machine{index}/Temperature_C";

    /// <summary>Publishes <paramref name="valuesPerTag"/> values of each tag, one second apart from <paramref name="start"/>.</summary>
    public static async Task PublishAsync(Uri broker, int publishers, int tags, int valuesPerTag, DateTimeOffset start, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(p => RunPublisherAsync(broker, p, publishers, tags, valuesPerTag, start, cancellationToken)));
    }

    /// <summary>One UNS payload, formatted without intermediate strings.</summary>
    public static byte[] Payload(DateTimeOffset timestamp, double value, long sequence)
    {
        var buffer = new byte[160];
        var span = buffer.AsSpan();
        var length = Append(span, "{\"value\":"u8);
        Utf8Formatter.TryFormat(value, span[length..], out var written);
        length += written;
        length += Append(span[length..], ",\"unit\":\"degC\",\"quality\":\"good\",\"timestamp\":\""u8);
        length += Encoding.UTF8.GetBytes(timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), span[length..]);
        length += Append(span[length..], "\",\"seq\":"u8);
        Utf8Formatter.TryFormat(sequence, span[length..], out written);
        length += written;
        span[length++] = (byte)'}';
        return buffer[..length];
    }

    private static async Task RunPublisherAsync(Uri broker, int index, int publishers, int tags, int valuesPerTag, DateTimeOffset start, CancellationToken cancellationToken)
    {
        await using var client = new MqttClient(new MqttClientOptions
        {
            Server = broker,
            ClientId = $"bench-agent-{index}",
            MaximumInflight = 1000,
            KeepAlive = TimeSpan.FromSeconds(60),
        });
        await client.ConnectAsync(cancellationToken);
        var mine = Enumerable.Range(0, tags).Where(t => t % publishers == index).ToArray();
        var window = new Queue<Task<MqttReasonCode>>();
        for (var i = 0; i < valuesPerTag; i++)
        {
            foreach (var tag in mine)
            {
                window.Enqueue(client.PublishAsync(Tag(tag), Payload(start.AddSeconds(i), 20 + (i % 100) / 10.0, i), MqttQualityOfService.AtLeastOnce, cancellationToken: cancellationToken).AsTask());
                if (window.Count >= 2000)
                {
                    Check(await window.Dequeue());
                }
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
