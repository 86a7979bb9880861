using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Proxus.Agent.Commissioning;

namespace Proxus.Agent.Cli;

/// <summary>Prints browse results: aligned columns for people, a JSON array for machines.</summary>
internal static class BrowseEntryWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One line per reference: <c>BROWSE-NAME  NODE-ID  NODE-CLASS  [DATA-TYPE]</c>, the first two columns padded to align.</summary>
    public static async Task WriteTextAsync(IReadOnlyList<BrowseEntry> entries, TextWriter output)
    {
        var nameWidth = entries.Count == 0 ? 0 : entries.Max(entry => entry.BrowseName.Length);
        var nodeWidth = entries.Count == 0 ? 0 : entries.Max(entry => entry.NodeId.Length);
        foreach (var entry in entries)
        {
            var line = $"{entry.BrowseName.PadRight(nameWidth)}  {entry.NodeId.PadRight(nodeWidth)}  {entry.NodeClass}";
            await output.WriteLineAsync(entry.DataType is null ? line : $"{line}  {entry.DataType}").ConfigureAwait(false);
        }
    }

    /// <summary>Writes <c>[{"browseName":"1:Temperature","nodeId":"ns=1;s=Temperature","nodeClass":"Variable","dataType":"Double"}]</c> and a newline.</summary>
    public static async Task WriteJsonAsync(IReadOnlyList<BrowseEntry> entries, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("browseName", entry.BrowseName);
                json.WriteString("nodeId", entry.NodeId);
                json.WriteString("nodeClass", entry.NodeClass);
                if (entry.DataType is not null)
                {
                    json.WriteString("dataType", entry.DataType);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
    }
}
