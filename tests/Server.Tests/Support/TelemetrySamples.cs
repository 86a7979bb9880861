using System.Text;
using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Support;

/// <summary>Tags, points and UNS payloads for the telemetry tests.</summary>
public static class TelemetrySamples
{
    /// <summary>A start of day well inside any retention period, so that its partition is "old" but kept.</summary>
    public static readonly DateTimeOffset Day = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2);

    /// <summary>A tag path no other test uses.</summary>
    public static string NewTag(string name = "Temperature_C") => $"Acme/Site{Guid.NewGuid():N}/Press/Line1/Press_Machine/{name}";

    public static TelemetryPoint Number(string tag, DateTimeOffset timestamp, double value, TelemetryQuality quality = TelemetryQuality.Good, long? sequence = null)
        => new(tag, timestamp, DateTimeOffset.UtcNow, value, null, null, quality, "degC", "DB40.DBD12", sequence);

    public static IngestMessage Message(string tag, DateTimeOffset timestamp, double value, long? sequence = null)
        => new(tag, Payload(timestamp, value, sequence));

    public static byte[] Payload(DateTimeOffset timestamp, double value, long? sequence = null)
    {
        var seq = sequence is { } s ? $",\"seq\":{s}" : string.Empty;
        return Encoding.UTF8.GetBytes(
            $"{{\"value\":{value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)},\"unit\":\"degC\",\"quality\":\"good\",\"timestamp\":\"{timestamp.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}\",\"source\":\"DB40.DBD12\"{seq}}}");
    }
}
