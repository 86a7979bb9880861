namespace Proxus.Agent.Commissioning;

/// <summary>How to interpret the addresses of a read or write.</summary>
public sealed record PointFormat
{
    /// <summary>The most consecutive values one read may ask for per address.</summary>
    public const int MaxCount = 1000;

    /// <summary>The data type in the protocol's own names (Modbus <c>float32</c>, S7 <c>real</c>); null for the address's default.</summary>
    public string? Type { get; init; }

    /// <summary>Modbus byte order of multi-register values: ABCD, CDAB, BADC or DCBA; null for ABCD.</summary>
    public string? ByteOrder { get; init; }

    /// <summary>Consecutive values to read from each address (1..<see cref="MaxCount"/>).</summary>
    public int Count { get; init; } = 1;

    /// <summary>Registers of a Modbus string (two characters each); S7 strings carry their length in the address.</summary>
    public int? StringLength { get; init; }
}
