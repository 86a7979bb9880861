using System.Globalization;

namespace Proxus.Server.Monitoring;

/// <summary>How alert summaries write a rule's window for people: <c>5 min</c>, <c>1 h 30 min</c>, <c>90 s</c>, never <c>00:05:00</c>.</summary>
internal static class AlertText
{
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
