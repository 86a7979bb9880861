namespace Proxus.Server.Telemetry;

/// <summary>
/// One parsed UNS value on its way into history. At most one of <see cref="Number"/>,
/// <see cref="Boolean"/> and <see cref="Text"/> is set; none when the agent sent <c>null</c>.
/// Timestamps are UTC with microsecond precision.
/// </summary>
public sealed record TelemetryPoint(
    string Path,
    DateTimeOffset SourceTimestamp,
    DateTimeOffset ServerTimestamp,
    double? Number,
    bool? Boolean,
    string? Text,
    TelemetryQuality Quality,
    string? Unit,
    string? Source,
    long? Sequence)
{
    /// <summary>The value as the API returns it: a number, a boolean, a string or null.</summary>
    public object? Value => Number is { } number ? number : Boolean is { } boolean ? boolean : Text;
}
