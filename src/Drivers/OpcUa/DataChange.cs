namespace Proxus.Drivers.OpcUa;

/// <summary>A value reported by a monitored item.</summary>
public sealed record DataChange(MonitoredItem Item, DataValue Value);
