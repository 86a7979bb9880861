namespace Proxus.Drivers.OpcUa;

/// <summary>A monitored item of a subscription: the client handle is stable across recoveries, the server id is not.</summary>
public sealed class MonitoredItem
{
    private DataValue? _last;

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

    /// <summary>
    /// True when the value repeats the last one delivered exactly (value, status and source timestamp):
    /// that is not a change. A server can send one after a reconnect, once in the message that was lost
    /// (fetched again with Republish) and once more in the next message.
    /// </summary>
    internal bool IsRepeatOfLast(DataValue value)
    {
        var last = _last;
        _last = value;
        return last is not null && last.SourceTimestamp is not null && last.SourceTimestamp == value.SourceTimestamp
            && last.Status == value.Status && last.Value.Equals(value.Value);
    }

    public override string ToString() => $"{NodeId} #{ClientHandle} [{Status}]";
}
