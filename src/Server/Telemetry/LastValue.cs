namespace Proxus.Server.Telemetry;

/// <summary>The newest stored value of a tag.</summary>
public sealed record LastValue(string Tag, DateTimeOffset Timestamp, DateTimeOffset ServerTimestamp, object? Value, string Quality, string? Unit)
{
    internal static LastValue From(TelemetryPoint point)
        => new(point.Path, point.SourceTimestamp, point.ServerTimestamp, point.Value, point.Quality.ToName(), point.Unit);
}
