using System.Globalization;
using System.Text.Json;
using Proxus.Web.Components.Shared;

namespace Proxus.Web.Components.Pages.Audit;

/// <summary>
/// An audit entry's details as a person reads them: the members of its JSON object as name and
/// value, strings unescaped (the stored JSON escapes characters such as <c>+</c> as
/// <c>\u002B</c>), round-trip timestamps in the portal's UTC form, anything else as its JSON text.
/// Details that are not a JSON object are shown as they are stored.
/// </summary>
internal static class AuditDetails
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [new(string.Empty, data)];
            }

            return document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, Text(p.Value))).ToList();
        }
        catch (JsonException)
        {
            return [new(string.Empty, data)];
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { } text && IsRoundTripTime(text, out var time) ? Time.Utc(time) : value.GetString() ?? string.Empty,
        JsonValueKind.Null => "—",
        _ => value.GetRawText(),
    };

    private static bool IsRoundTripTime(string text, out DateTimeOffset time)
        => DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
