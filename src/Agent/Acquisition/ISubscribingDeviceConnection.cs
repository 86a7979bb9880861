using Proxus.Core.Model;

namespace Proxus.Agent.Acquisition;

/// <summary>A device connection that can report changes itself (OPC UA monitored items) instead of being polled.</summary>
internal interface ISubscribingDeviceConnection : IDeviceConnection
{
    /// <summary>
    /// Monitors the tags, sampled and published at <paramref name="interval"/>, until cancelled:
    /// every change goes to <paramref name="sink"/> as a reading of the tag's index; a lost session
    /// makes every tag bad; the monitored items are created again after every reconnection. Never
    /// throws for a device or connection failure.
    /// </summary>
    Task MonitorAsync(IReadOnlyList<Tag> tags, TimeSpan interval, IMonitoredItemSink sink, CancellationToken cancellationToken);
}
