namespace Proxus.Drivers.OpcUa;

/// <summary>What to monitor and how (Part 4 section 7.21, MonitoringParameters).</summary>
public sealed record MonitoredItemOptions(NodeId NodeId)
{
    public AttributeId AttributeId { get; init; } = AttributeId.Value;

    /// <summary>How often the server samples; zero asks for every change (exception-based where supported).</summary>
    public TimeSpan SamplingInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many values the server keeps between publishes.</summary>
    public uint QueueSize { get; init; } = 10;

    public bool DiscardOldest { get; init; } = true;

    public DeadbandType DeadbandType { get; init; } = DeadbandType.None;

    public double DeadbandValue { get; init; }
}
