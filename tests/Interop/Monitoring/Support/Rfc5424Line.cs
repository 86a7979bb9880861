using System.Globalization;
using System.Text;

namespace Proxus.Interop.Tests.Monitoring.Support;

/// <summary>
/// A syslog line parsed by the test, independently of our formatter, per RFC 5424 section 6:
/// header fields separated by single spaces, SD-ELEMENTs with <c>\" \\ \]</c> escapes in values, MSG.
/// </summary>
public sealed record Rfc5424Line(
    int Priority,
    string Timestamp,
    string Hostname,
    string AppName,
    string ProcId,
    string MessageId,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> StructuredData,
    string Message)
{
    public static Rfc5424Line Parse(string line)
    {
        var position = 0;
        if (line[0] != '<')
        {
            throw new FormatException("No PRI: " + line);
        }

        var close = line.IndexOf('>', StringComparison.Ordinal);
        var priority = int.Parse(line.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        position = close + 1;
        var version = Field(line, ref position);
        if (version != "1")
        {
            throw new FormatException("Not version 1: " + line);
        }

        var timestamp = Field(line, ref position);
        var hostname = Field(line, ref position);
        var appName = Field(line, ref position);
        var procId = Field(line, ref position);
        var messageId = Field(line, ref position);
        var elements = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        if (line[position] == '-')
        {
            position++;
        }
        else
        {
            while (position < line.Length && line[position] == '[')
            {
                var (id, parameters) = Element(line, ref position);
                elements[id] = parameters;
            }
        }

        var message = position < line.Length ? line[(position + 1)..] : string.Empty;
        return new Rfc5424Line(priority, timestamp, hostname, appName, procId, messageId, elements, message.TrimStart('\uFEFF'));
    }

    private static string Field(string line, ref int position)
    {
        var space = line.IndexOf(' ', position);
        var value = line[position..space];
        position = space + 1;
        return value;
    }

    private static (string Id, Dictionary<string, string> Parameters) Element(string line, ref int position)
    {
        position++; // '['
        var idEnd = line.IndexOfAny([' ', ']'], position);
        var id = line[position..idEnd];
        position = idEnd;
        var parameters = new Dictionary<string, string>();
        while (line[position] == ' ')
        {
            var equals = line.IndexOf('=', position);
            var name = line[(position + 1)..equals];
            position = equals + 2; // '="'
            var value = new StringBuilder();
            while (line[position] != '"')
            {
                if (line[position] == '\\' && line[position + 1] is '"' or '\\' or ']')
                {
                    position++;
                }

                value.Append(line[position++]);
            }

            position++; // closing quote
            parameters[name] = value.ToString();
        }

        position++; // ']'
        return (id, parameters);
    }
}
