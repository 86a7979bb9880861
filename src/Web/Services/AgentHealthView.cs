namespace Proxus.Web.Services;

/// <summary>
/// An agent's latest status report as the server received it: online or offline (with the reason),
/// when it was last heard from, and its health figures.
/// </summary>
public sealed record AgentHealthView(
    bool IsOnline,
    DateTimeOffset LastSeen,
    long UptimeSeconds,
    double PointsPerSecond,
    long BufferDepth,
    long DroppedPoints,
    string? Reason,
    IReadOnlyList<ConnectionHealthView> Connections)
{
    /// <summary>
    /// How many seconds of the agent's own production its queue may hold before it counts as
    /// buffering: a delivering agent always has a few messages waiting for their acknowledgement.
    /// </summary>
    public const int BacklogSeconds = 5;

    /// <summary>
    /// True when the agent's queue holds more than <see cref="BacklogSeconds"/> seconds of its points:
    /// its uplink is down or slower than its devices, rather than its last messages in flight.
    /// </summary>
    public bool IsBuffering => BufferDepth > 0 && BufferDepth > PointsPerSecond * BacklogSeconds;
}
