using System.Globalization;

namespace Proxus.Server.Monitoring;

/// <summary>
/// How alert summaries write for people: a rule's window as <c>5 min</c>, <c>1 h 30 min</c>,
/// <c>90 s</c> (never <c>00:05:00</c>), and a time as the portal does, <c>2026-11-21 10:00:00Z</c>
/// (UTC to the second, never the round-trip form).
/// </summary>
internal static class AlertText
{
    public static string Time(DateTimeOffset value) => Data.Timestamps.ForPeople(value);

    public static string Duration(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerMinute != 0 || span < TimeSpan.FromMinutes(1))
        {
            return span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        }

        var hours = (long)span.TotalHours;
        return (hours, span.Minutes) switch
        {
            (0, var minutes) => minutes.ToString(CultureInfo.InvariantCulture) + " min",
            (var h, 0) => h.ToString(CultureInfo.InvariantCulture) + " h",
            (var h, var minutes) => $"{h.ToString(CultureInfo.InvariantCulture)} h {minutes.ToString(CultureInfo.InvariantCulture)} min",
        };
    }
}
