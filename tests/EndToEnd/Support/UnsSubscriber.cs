using System.Globalization;
using System.Text.Json;
using Proxus.TestSupport;

namespace Proxus.EndToEnd.Tests.Support;

/// <summary>
/// Eclipse's <c>mosquitto_sub</c> (an independent MQTT 5 client) subscribed to a filter on the
/// server's loopback listener, printing <c>topic payload</c> lines; the test reads the UNS as any
/// consumer would. Stopped by pid on dispose.
/// </summary>
public sealed class UnsSubscriber : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private UnsSubscriber(ExternalProcess process) => _process = process;

    public static async Task<UnsSubscriber> StartAsync(int port, string filter)
    {
        var process = ExternalProcess.Start(
            "mosquitto_sub",
            ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-V", "mqttv5", "-q", "1", "-t", filter, "-v", "-i", "e2e-" + Guid.NewGuid().ToString("N")[..12]]);
        var subscriber = new UnsSubscriber(process);
        // mosquitto_sub prints nothing until a message arrives; give it a moment to connect, then make
        // sure it did not exit (refused connection, bad arguments).
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        if (process.HasExited)
        {
            throw new InvalidOperationException($"mosquitto_sub exited: {process.StandardError}");
        }

        return subscriber;
    }

    /// <summary>Every message received so far, in order: the topic and the parsed JSON payload.</summary>
    public IReadOnlyList<(string Topic, JsonElement Payload)> Messages
    {
        get
        {
            var messages = new List<(string, JsonElement)>();
            foreach (var line in _process.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0)
                {
                    using var document = JsonDocument.Parse(line[(space + 1)..]);
                    messages.Add((line[..space], document.RootElement.Clone()));
                }
            }

            return messages;
        }
    }

    /// <summary>The payloads received on one topic, in order.</summary>
    public IReadOnlyList<JsonElement> On(string topic) => [.. Messages.Where(message => message.Topic == topic).Select(message => message.Payload)];

    /// <summary>Waits for a message on the topic whose payload satisfies the predicate; returns it.</summary>
    public async Task<JsonElement> WaitForAsync(string topic, Func<JsonElement, bool> predicate, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var payload in On(topic))
            {
                if (predicate(payload))
                {
                    return payload;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching message on {topic} within {timeout}. Received: {_process.StandardOutput} {_process.StandardError} {diagnostics?.Invoke()}");
            }

            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
