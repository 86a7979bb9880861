namespace Proxus.Core.Status;

/// <summary>The health of one device connection, as reported in the agent's status.</summary>
/// <param name="Id">The connection id of the tag map.</param>
/// <param name="Protocol">The protocol name (<c>ModbusTcp</c>, <c>S7</c>, ...).</param>
/// <param name="State">Connecting, connected or faulted.</param>
/// <param name="PointsPerSecond">Values read per second over the last status interval.</param>
/// <param name="LastError">The last communication error, null when there was none.</param>
/// <param name="LastErrorAt">When <paramref name="LastError"/> happened.</param>
public sealed record ConnectionHealth(
    string Id,
    string Protocol,
    ConnectionState State,
    double PointsPerSecond,
    string? LastError = null,
    DateTimeOffset? LastErrorAt = null);
