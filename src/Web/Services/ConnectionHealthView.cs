namespace Proxus.Web.Services;

/// <summary>One device connection of an agent: protocol, state, read rate and its last error.</summary>
public sealed record ConnectionHealthView(string Id, string Protocol, string State, double PointsPerSecond, string? LastError, DateTimeOffset? LastErrorAt);
