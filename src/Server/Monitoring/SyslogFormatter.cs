using System.Globalization;
using System.Text;

namespace Proxus.Server.Monitoring;

/// <summary>
/// Writes RFC 5424 messages: <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG</c>.
/// Header fields are printable US-ASCII (section 6.2; anything else becomes <c>?</c>, an empty field
/// the NILVALUE <c>-</c>), PARAM-VALUEs escape <c>" \ ]</c> (section 6.3.3) and control characters
/// (<c>\uXXXX</c>, so a value cannot break the line), and a MSG that is not pure ASCII is UTF-8 with a
/// BOM (section 6.4).
/// </summary>
public static class SyslogFormatter
{
    /// <summary>Our structured-data ids end with this: 32473 is the private enterprise number RFC 5612 reserves for documentation.</summary>
    public const string EnterpriseSuffix = "@32473";

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static byte[] Format(SyslogMessage message, SyslogOptions options, int? maxBytes = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var header = new StringBuilder(256);
        header.Append('<').Append(((options.Facility * 8) + message.Severity).ToString(CultureInfo.InvariantCulture)).Append(">1 ");
        header.Append(message.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)).Append(' ');
        header.Append(HeaderField(options.Hostname ?? Environment.MachineName, 255)).Append(' ');
        header.Append(HeaderField(options.AppName, 48)).Append(' ');
        header.Append(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).Append(' ');
        header.Append(HeaderField(message.MessageId, 32)).Append(' ');
        var prefix = Encoding.UTF8.GetBytes(header.ToString());
        var elements = message.StructuredData.Select(e => Encoding.UTF8.GetBytes(Element(e))).ToList();
        var text = message.Text.Length == 0 ? [] : Encoding.UTF8.GetBytes(Escape(message.Text));
        var limit = maxBytes ?? int.MaxValue;

        // Over a datagram's limit, trailing SD-ELEMENTs go first (the first one identifies the message), then MSG is cut.
        while (elements.Count > 1 && prefix.Length + elements.Sum(e => e.Length) + 1 + text.Length > limit)
        {
            elements.RemoveAt(elements.Count - 1);
        }

        var nonAscii = text.Any(b => b >= 0x80);
        var room = limit - prefix.Length - Math.Max(1, elements.Sum(e => e.Length)) - 1 - (nonAscii ? Bom.Length : 0);
        if (text.Length > room)
        {
            text = text.AsSpan(0, Utf8Boundary(text, Math.Max(0, room))).ToArray();
        }

        using var output = new MemoryStream(prefix.Length + 512);
        output.Write(prefix);
        if (elements.Count == 0)
        {
            output.WriteByte((byte)'-');
        }

        foreach (var element in elements)
        {
            output.Write(element);
        }

        if (text.Length > 0)
        {
            output.WriteByte((byte)' ');
            if (nonAscii)
            {
                output.Write(Bom);
            }

            output.Write(text);
        }

        return output.ToArray();
    }

    private static string Element(SyslogStructuredElement element)
    {
        var builder = new StringBuilder(128).Append('[').Append(Name(element.Id, 32 + EnterpriseSuffix.Length));
        foreach (var (name, value) in element.Parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(' ').Append(Name(name, 32)).Append("=\"");
            foreach (var c in Escape(value))
            {
                if (c is '"' or '\\' or ']')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            builder.Append('"');
        }

        return builder.Append(']').ToString();
    }

    /// <summary>Control characters (and line separators, bidirectional overrides) as <c>\uXXXX</c>.</summary>
    private static string Escape(string value)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var unsafeChar = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is '\u2028' or '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            if (unsafeChar)
            {
                builder ??= new StringBuilder(value.Length + 16).Append(value, 0, i);
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? value;
    }

    private static string HeaderField(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var chars = value.Take(maxLength).Select(c => c is >= '!' and <= '~' ? c : '?').ToArray();
        return new string(chars);
    }

    private static string Name(string value, int maxLength)
    {
        var chars = value.Take(maxLength).Select(c => c is >= '!' and <= '~' and not '=' and not ']' and not '"' ? c : '_').ToArray();
        return chars.Length == 0 ? "_" : new string(chars);
    }

    private static int Utf8Boundary(byte[] bytes, int length)
    {
        // Step back over continuation bytes so that a multi-byte character is not split.
        while (length > 0 && length < bytes.Length && (bytes[length] & 0xC0) == 0x80)
        {
            length--;
        }

        return length;
    }
}
