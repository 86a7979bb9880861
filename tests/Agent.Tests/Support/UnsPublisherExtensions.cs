using Proxus.Agent.Acquisition;

namespace Proxus.Agent.Tests.Support;

/// <summary>One message at a time, for tests that publish by hand.</summary>
public static class UnsPublisherExtensions
{
    /// <summary>Publishes one retained message as a batch of one.</summary>
    public static void Publish(this IUnsPublisher publisher, string topic, ReadOnlySpan<byte> payload)
    {
        var batch = new UnsBatch();
        batch.Add(topic, payload);
        publisher.Publish(batch);
    }
}
