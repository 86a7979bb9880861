namespace Proxus.Drivers.OpcUa;

/// <summary>A value with its quality and timestamps (Part 4 section 7.11, Part 6 section 5.2.2.17).</summary>
public sealed record DataValue(
    Variant Value,
    StatusCode Status = default,
    DateTime? SourceTimestamp = null,
    DateTime? ServerTimestamp = null,
    ushort SourcePicoseconds = 0,
    ushort ServerPicoseconds = 0)
{
    public override string ToString() => $"{Value} [{Status}] @{SourceTimestamp:O}";
}
