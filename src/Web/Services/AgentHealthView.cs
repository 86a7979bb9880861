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
    IReadOnlyList<ConnectionHealthView> Connections);
