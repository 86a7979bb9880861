using System.Text.Json.Serialization;
using Proxus.Core.Uns;

namespace Proxus.Core.Model;

/// <summary>
/// One data point: where it lives on the device, how its raw value becomes an engineering value,
/// when it is reported and where it is published in the Unified Namespace.
/// </summary>
public sealed record Tag
{
    /// <summary>The UNS topic the value is published on; unique within the site.</summary>
    public required UnsPath Path { get; init; }

    /// <summary>The id of the connection that reads the tag.</summary>
    public required string Connection { get; init; }

    /// <summary>The device address in the protocol's syntax (<c>HR100</c>, <c>DB40.DBD12</c>, <c>ns=2;s=Temp</c>).</summary>
    public required string Address { get; init; }

    public required DataType DataType { get; init; }

    /// <summary>Characters of a String tag where the address does not state it (Modbus).</summary>
    public int? Length { get; init; }

    /// <summary>Byte and word order of multi-register Modbus values.</summary>
    public ByteOrder ByteOrder { get; init; } = ByteOrder.Abcd;

    public LinearScaling? Scaling { get; init; }

    /// <summary>Unit of the engineering value the device (after scaling) delivers.</summary>
    public string? SourceUnit { get; init; }

    /// <summary>Unit the value is published in; the source unit when null.</summary>
    public string? Unit { get; init; }

    public Deadband? Deadband { get; init; }

    /// <summary>Publish only on change (beyond the deadband) or on a quality change.</summary>
    public bool ReportByException { get; init; } = true;

    /// <summary>The poll group of the connection the tag joins (exclusive with <see cref="PollInterval"/>).</summary>
    public string? PollGroup { get; init; }

    /// <summary>The tag's own polling interval (exclusive with <see cref="PollGroup"/>).</summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>Whether governed control writes may target the tag.</summary>
    public bool Writable { get; init; }

    /// <summary>Lowest value a write may set, in the published unit.</summary>
    public double? WriteMin { get; init; }

    /// <summary>Highest value a write may set, in the published unit.</summary>
    public double? WriteMax { get; init; }

    /// <summary>A writable tag whose writes need a second, different approver.</summary>
    public bool Critical { get; init; }

    public string? Description { get; init; }

    /// <summary>The unit values are published in: <see cref="Unit"/>, else <see cref="SourceUnit"/>.</summary>
    [JsonIgnore]
    public string? PublishedUnit => Unit ?? SourceUnit;
}
