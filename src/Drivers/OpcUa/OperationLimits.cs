namespace Proxus.Drivers.OpcUa;

/// <summary>A server's operation limits (Part 5 section 6.3.11, ServerCapabilities.OperationLimits); 0 means no limit.</summary>
public sealed record OperationLimits(uint MaxNodesPerRead, uint MaxNodesPerWrite, uint MaxNodesPerBrowse, uint MaxMonitoredItemsPerCall)
{
    public static OperationLimits Unlimited { get; } = new(0, 0, 0, 0);
}
