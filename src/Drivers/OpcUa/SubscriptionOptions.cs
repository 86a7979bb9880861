namespace Proxus.Drivers.OpcUa;

/// <summary>Subscription parameters (Part 4 section 5.13.2).</summary>
public sealed record SubscriptionOptions
{
    public TimeSpan PublishingInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Publishing intervals without data after which the server sends a keep-alive.</summary>
    public uint MaxKeepAliveCount { get; init; } = 10;

    /// <summary>Publishing intervals without a Publish request after which the server drops the subscription.</summary>
    public uint LifetimeCount { get; init; } = 600;

    /// <summary>0 = no limit.</summary>
    public uint MaxNotificationsPerPublish { get; init; }

    public byte Priority { get; init; }

    /// <summary>Data changes buffered for the consumer; when full, publishing waits (back-pressure to the server).</summary>
    public int BufferCapacity { get; init; } = 100_000;
}
