using System.Collections.Concurrent;
using System.Text.Json;
using Proxus.Agent.Acquisition;

namespace Proxus.Agent.Tests.Support;

/// <summary>Captures the UNS messages acquisition produces, with the time they arrived.</summary>
public sealed class RecordingPublisher : IUnsPublisher
{
    private readonly ConcurrentQueue<Published> _messages = new();

    public IReadOnlyList<Published> Messages => [.. _messages];

    public void Publish(UnsBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            _messages.Enqueue(new Published(message.Topic, JsonDocument.Parse(message.Payload).RootElement.Clone(), DateTimeOffset.UtcNow));
        }
    }

    public IReadOnlyList<Published> On(string topic) => [.. _messages.Where(message => message.Topic == topic)];

    /// <summary>Waits (bounded) until a message on <paramref name="topic"/> satisfies <paramref name="predicate"/>.</summary>
    public async Task<Published> WaitForAsync(string topic, Func<JsonElement, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var match = _messages.FirstOrDefault(message => message.Topic == topic && predicate(message.Payload));
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No message on {topic} matched; seen: {string.Join(" | ", _messages.Where(m => m.Topic == topic).TakeLast(5).Select(m => m.Payload.GetRawText()))}");
    }

    public sealed record Published(string Topic, JsonElement Payload, DateTimeOffset ReceivedAt);
}
