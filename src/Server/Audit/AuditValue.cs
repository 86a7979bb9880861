using System.Globalization;
using System.Text;

namespace Proxus.Server.Audit;

/// <summary>
/// Makes untrusted text safe to store and show: C0 and C1 control characters, DEL, line and paragraph
/// separators and bidirectional overrides become <c>\uXXXX</c> (and a backslash <c>\\</c>, so the
/// escaping is reversible), then the value is capped. A CSR subject with a newline cannot forge a
/// second log line, and a right-to-left override cannot disguise a name.
/// </summary>
public static class AuditValue
{
    private const string TruncationMarker = "...[truncated]";

    public static string Escape(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (NeedsEscape(c))
            {
                builder ??= new StringBuilder(value.Length + 16).Append(value, 0, i);
                builder.Append(c == '\\' ? @"\\" : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }

        var escaped = builder?.ToString() ?? value;
        return escaped.Length <= maxLength ? escaped : escaped[..(maxLength - TruncationMarker.Length)] + TruncationMarker;
    }

    private static bool NeedsEscape(char c)
        => c < 0x20 || c == '\\' || (c >= 0x7F && c <= 0x9F) || c is '\u2028' or '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
}
