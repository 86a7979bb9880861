namespace Proxus.Server.Telemetry;

/// <summary>The lower-case names of <see cref="TelemetryQuality"/> used on the wire and in the API.</summary>
public static class TelemetryQualityNames
{
    public const string Good = "good";
    public const string Uncertain = "uncertain";
    public const string Bad = "bad";

    public static string ToName(this TelemetryQuality quality) => quality switch
    {
        TelemetryQuality.Good => Good,
        TelemetryQuality.Uncertain => Uncertain,
        TelemetryQuality.Bad => Bad,
        _ => throw new ArgumentOutOfRangeException(nameof(quality), quality, "Unknown quality."),
    };

    /// <summary>Parses an exact, case-sensitive name; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out TelemetryQuality quality)
    {
        if (utf8.SequenceEqual("good"u8))
        {
            quality = TelemetryQuality.Good;
        }
        else if (utf8.SequenceEqual("uncertain"u8))
        {
            quality = TelemetryQuality.Uncertain;
        }
        else if (utf8.SequenceEqual("bad"u8))
        {
            quality = TelemetryQuality.Bad;
        }
        else
        {
            quality = default;
            return false;
        }

        return true;
    }
}
