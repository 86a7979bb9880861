namespace Proxus.Server.Telemetry;

/// <summary>The newest stored value of a tag.</summary>
public sealed record LastValue(string Tag, DateTimeOffset Timestamp, DateTimeOffset ServerTimestamp, object? Value, string Quality, string? Unit)
{
    /// <summary>The cache entry for <paramref name="point"/>, with <paramref name="unit"/> as its unit.</summary>
    internal static LastValue From(TelemetryPoint point, string? unit)
        => new(point.Path, point.SourceTimestamp, point.ServerTimestamp, point.Value, point.Quality.ToName(), unit);
}
