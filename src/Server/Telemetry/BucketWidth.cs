using System.Globalization;

namespace Proxus.Server.Telemetry;

/// <summary>
/// An aggregation bucket width in the API's short form: a positive integer and a unit,
/// <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (e.g. <c>500ms</c>, <c>1m</c>, <c>15m</c>, <c>1d</c>).
/// Whole milliseconds from 1 ms to 366 days.
/// </summary>
internal static class BucketWidth
{
    private static readonly TimeSpan Max = TimeSpan.FromDays(366);

    public static bool TryParse(string? text, out TimeSpan width)
    {
        width = default;
        if (string.IsNullOrEmpty(text) || text.Length > 16)
        {
            return false;
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0)
        {
            return false;
        }

        var unit = text.AsSpan(digits) switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "d" => TimeSpan.FromDays(1),
            _ => TimeSpan.Zero,
        };
        if (unit == TimeSpan.Zero || count > Max.Ticks / unit.Ticks)
        {
            return false;
        }

        width = TimeSpan.FromTicks(unit.Ticks * count);
        return true;
    }
}
