namespace Proxus.Server.Telemetry;

/// <summary>SQLite keeps instants as microseconds since the Unix epoch (UTC), as the rest of the schema does.</summary>
internal static class UnixMicroseconds
{
    public static long From(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset To(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
