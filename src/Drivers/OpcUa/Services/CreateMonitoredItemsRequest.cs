using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>
/// CreateMonitoredItems (Part 4 section 5.12.2): one reporting item per entry with its client handle,
/// sampling interval, queue and an optional DataChangeFilter (trigger StatusValue, deadband).
/// </summary>
internal sealed record CreateMonitoredItemsRequest(uint SubscriptionId, IReadOnlyCollection<MonitoredItem> Items) : IUaRequest
{
    private const int ReportingMode = 2;
    private const int TriggerStatusValue = 1;

    public uint BinaryEncodingId => ServiceIds.CreateMonitoredItemsRequest;

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteUInt32(SubscriptionId);
        writer.WriteInt32((int)TimestampsToReturn.Both);
        writer.WriteArray(Items, static (w, item) =>
        {
            var options = item.Options;
            new ReadValueId(options.NodeId, options.AttributeId).Encode(w);
            w.WriteInt32(ReportingMode);
            w.WriteUInt32(item.ClientHandle);
            w.WriteDouble(options.SamplingInterval.TotalMilliseconds);
            if (options.DeadbandType == DeadbandType.None)
            {
                w.WriteExtensionObject(null);
            }
            else
            {
                w.WriteExtensionObject(new NodeId(ServiceIds.DataChangeFilter), body =>
                {
                    body.WriteInt32(TriggerStatusValue);
                    body.WriteUInt32((uint)options.DeadbandType);
                    body.WriteDouble(options.DeadbandValue);
                });
            }

            w.WriteUInt32(options.QueueSize);
            w.WriteBoolean(options.DiscardOldest);
        });
    }
}
