using System.Globalization;

namespace Proxus.Web.Components.Shared;

/// <summary>
/// How the portal writes times: UTC, ISO-like, to the second (a no-break space keeps date and time on
/// one line in narrow table cells), plus "in 3 days" style distances.
/// </summary>
public static class Time
{
    public static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'\u00A0'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset? value) => value is { } v ? Utc(v) : "—";

    /// <summary>"in 5 d", "2 h ago" relative to <paramref name="now"/>.</summary>
    public static string Relative(DateTimeOffset value, DateTimeOffset now)
    {
        var span = value - now;
        var magnitude = span.Duration();
        var text = magnitude.TotalDays >= 1 ? $"{magnitude.TotalDays:0} d"
            : magnitude.TotalHours >= 1 ? $"{magnitude.TotalHours:0} h"
            : magnitude.TotalMinutes >= 1 ? $"{magnitude.TotalMinutes:0} min"
            : $"{magnitude.TotalSeconds:0} s";
        return span >= TimeSpan.Zero ? "in " + text : text + " ago";
    }
}
