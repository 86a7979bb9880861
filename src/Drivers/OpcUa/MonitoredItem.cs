namespace Proxus.Drivers.OpcUa;

/// <summary>A monitored item of a subscription: the client handle is stable across recoveries, the server id is not.</summary>
public sealed class MonitoredItem
{
    internal MonitoredItem(uint clientHandle, MonitoredItemOptions options)
    {
        ClientHandle = clientHandle;
        Options = options;
    }

    public uint ClientHandle { get; }

    public MonitoredItemOptions Options { get; }

    public NodeId NodeId => Options.NodeId;

    public uint ServerId { get; internal set; }

    /// <summary>The result of creating the item, then the status of the last value reported.</summary>
    public StatusCode Status { get; internal set; } = StatusCode.BadWaitingForInitialData;

    public TimeSpan RevisedSamplingInterval { get; internal set; }

    public uint RevisedQueueSize { get; internal set; }

    public override string ToString() => $"{NodeId} #{ClientHandle} [{Status}]";
}
