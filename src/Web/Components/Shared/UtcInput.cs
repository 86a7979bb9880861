using System.Globalization;

namespace Proxus.Web.Components.Shared;

/// <summary>
/// The portal's <c>datetime-local</c> inputs hold UTC without an offset; this reads and writes
/// them, and builds the query strings of the filter forms.
/// </summary>
internal static class UtcInput
{
    /// <summary>A <c>datetime-local</c> value (no offset) read as UTC; null when empty or malformed.</summary>
    public static DateTimeOffset? Parse(string? text)
        => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : null;

    /// <summary>The value of a <c>datetime-local</c> input, to the second.</summary>
    public static string Format(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>ISO 8601 with offset, as the REST API reads it.</summary>
    public static string? Iso(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The problems of a from/to pair of inputs: unreadable, or an end not after the start.</summary>
    public static List<string> RangeErrors(string? fromText, string? toText)
    {
        var errors = new List<string>();
        var (from, to) = (Parse(fromText), Parse(toText));
        if (!string.IsNullOrEmpty(fromText) && from is null)
        {
            errors.Add("The start time is not a date and time.");
        }

        if (!string.IsNullOrEmpty(toText) && to is null)
        {
            errors.Add("The end time is not a date and time.");
        }

        if (from is { } start && to is { } end && end <= start)
        {
            errors.Add("The end time must be after the start time.");
        }

        return errors;
    }

    /// <summary>Adds <c>name=value</c> (escaped, trimmed) unless the value is empty.</summary>
    public static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
        }
    }
}
