using Proxus.Agent.Uplink;

namespace Proxus.Agent.Runtime;

/// <summary>The settings of <c>proxus-agent run</c> (docs/agent.md).</summary>
public sealed record AgentRunOptions
{
    /// <summary>How often the status report is published and <c>status.json</c> written.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The slow periodic configuration poll (announcements on the config topic trigger a fetch at once).</summary>
    public TimeSpan ConfigPollInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Bounds each device request and connect.</summary>
    public TimeSpan DeviceTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The store-and-forward queue's size bound; the oldest records are dropped (and counted) beyond it.</summary>
    public long BufferMaxBytes { get; init; } = 1L << 30;

    /// <summary>fsync the queue on every append (safest) or every <see cref="BufferFsyncInterval"/>.</summary>
    public bool BufferFsyncEveryRecord { get; init; }

    public TimeSpan BufferFsyncInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public UplinkOptions Uplink { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (StatusInterval < TimeSpan.FromSeconds(1) || ConfigPollInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("The status and configuration poll intervals must be at least 1 second.");
        }

        if (DeviceTimeout <= TimeSpan.Zero || BufferMaxBytes < 1024 * 1024 || Uplink.MaxInflight is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentException("The device timeout must be positive, the buffer at least 1 MiB and the inflight window 1..65535.");
        }
    }
}
