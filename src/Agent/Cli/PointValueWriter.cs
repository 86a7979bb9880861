using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Proxus.Agent.Commissioning;

namespace Proxus.Agent.Cli;

/// <summary>Prints point values: <c>ADDRESS = VALUE</c> lines for people, a JSON array for machines.</summary>
internal static class PointValueWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes good values to <paramref name="output"/> (with their status in parentheses when not plainly good) and errors to <paramref name="error"/>.</summary>
    public static async Task WriteTextAsync(IReadOnlyList<PointValue> values, TextWriter output, TextWriter error)
    {
        foreach (var value in values)
        {
            if (value.IsGood)
            {
                var status = value.Status is null ? string.Empty : $" ({value.Status})";
                await output.WriteLineAsync($"{value.Address} = {FormatText(value.Value)}{status}").ConfigureAwait(false);
            }
            else
            {
                var message = value.Error!.StartsWith(value.Address, StringComparison.Ordinal) ? value.Error : $"{value.Address}: {value.Error}";
                await error.WriteLineAsync(message).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes <c>[{"address":"HR100","value":12.5}, {"address":"HR102","error":"..."}]</c> (plus <c>"status"</c> for a value that is not plainly good) and a newline.</summary>
    public static async Task WriteJsonAsync(IReadOnlyList<PointValue> values, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStartObject();
                json.WriteString("address", value.Address);
                if (value.IsGood)
                {
                    json.WritePropertyName("value");
                    WriteJsonValue(json, value.Value);
                    if (value.Status is not null)
                    {
                        json.WriteString("status", value.Status);
                    }
                }
                else
                {
                    json.WriteString("error", value.Error);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
    }

    internal static string FormatText(object? value) => value switch
    {
        null => string.Empty,
        bool flag => flag ? "true" : "false",
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case bool flag: json.WriteBooleanValue(flag); break;
            case float single when float.IsFinite(single): json.WriteNumberValue(single); break;
            case double number when double.IsFinite(number): json.WriteNumberValue(number); break;
            case byte or sbyte or short or ushort or int: json.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture)); break;
            case uint or long: json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong unsigned: json.WriteNumberValue(unsigned); break;
            default: json.WriteStringValue(FormatText(value)); break;
        }
    }
}
