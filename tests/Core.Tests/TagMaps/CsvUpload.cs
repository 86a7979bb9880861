using System.Text;
using Proxus.Core.TagMaps;

namespace Proxus.Core.Tests.TagMaps;

/// <summary>Builds CSV uploads: a valid row 2 and a row 3 made from a valid tag with fields overridden.</summary>
internal static class CsvUpload
{
    public static readonly IReadOnlyDictionary<string, string> ValidRow = new Dictionary<string, string>
    {
        [TagFields.Path] = "Acme/SiteA/Press/Line1/Press_Machine/Temperature_C",
        [TagFields.Connection] = "press-plc",
        [TagFields.Address] = "HR100",
        [TagFields.DataType] = "Float32",
        [TagFields.PollGroup] = "fast",
    };

    public static readonly IReadOnlyDictionary<string, string> OtherRow = new Dictionary<string, string>
    {
        [TagFields.Path] = "Acme/SiteA/Press/Line1/Press_Machine/Pressure",
        [TagFields.Connection] = "press-plc",
        [TagFields.Address] = "HR200",
        [TagFields.DataType] = "Float32",
        [TagFields.PollGroup] = "fast",
    };

    /// <summary>The header, the valid row 2 and row 3 with the overrides ("field=value|field=value"; an empty value empties the cell).</summary>
    public static byte[] WithRow3(string overrides)
    {
        var row = new Dictionary<string, string>(ValidRow);
        foreach (var pair in overrides.Split('|'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            row[pair[..equals]] = pair[(equals + 1)..];
        }

        return Encoding.UTF8.GetBytes(Header() + Line(OtherRow) + Line(row));
    }

    public static string Header() => string.Join(',', TagFields.All) + "\r\n";

    public static string Line(IReadOnlyDictionary<string, string> row) =>
        string.Join(',', TagFields.All.Select(field => Quote(row.GetValueOrDefault(field) ?? string.Empty))) + "\r\n";

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
