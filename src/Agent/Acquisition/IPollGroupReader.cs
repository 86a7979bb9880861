namespace Proxus.Agent.Acquisition;

/// <summary>Reads one poll group's tags from a device, batched the way the driver's planner decides.</summary>
internal interface IPollGroupReader
{
    /// <summary>
    /// One reading per tag, in the order the group was created with. Never throws for a device or
    /// connection failure: those come back as bad readings with the reason.
    /// </summary>
    Task<IReadOnlyList<RawReading>> ReadAsync(CancellationToken cancellationToken);
}
