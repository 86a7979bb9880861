using System.Text;
using Proxus.Core.Addressing;
using Proxus.Core.Model;

namespace Proxus.Core.TagMaps;

/// <summary>
/// A site's tags as CSV (docs/tag-maps.md): a header row naming the columns of
/// <see cref="TagFields"/> (any order, the four required ones present), then one row per tag. The
/// connections are the site's, supplied by the caller. Import is all-or-nothing.
/// </summary>
public static class TagMapCsv
{
    /// <summary>Reads and validates an uploaded CSV tag list for the site and its connections.</summary>
    public static TagMapImportResult Read(Stream csv, Site site, IReadOnlyList<Connection> connections, TagMapLimits? limits = null, AddressValidators? addresses = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        limits ??= TagMapLimits.Default;
        return UploadText.TryRead(csv, limits, out var text, out var error)
            ? Read(text, site, connections, limits, addresses)
            : TagMapImportResult.Failure([new(0, null, error)]);
    }

    /// <summary>Reads and validates CSV bytes (UTF-8) for the site and its connections.</summary>
    public static TagMapImportResult Read(ReadOnlySpan<byte> csv, Site site, IReadOnlyList<Connection> connections, TagMapLimits? limits = null, AddressValidators? addresses = null)
    {
        limits ??= TagMapLimits.Default;
        return UploadText.TryDecode(csv, limits, out var text, out var error)
            ? Read(text, site, connections, limits, addresses)
            : TagMapImportResult.Failure([new(0, null, error)]);
    }

    private static TagMapImportResult Read(string text, Site site, IReadOnlyList<Connection> connections, TagMapLimits limits, AddressValidators? addresses)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(connections);
        var errors = new TagMapErrors(limits.MaxErrors);
        var reader = new CsvRecordReader(text, limits.MaxFieldLength);
        var cells = new List<string>();
        if (!reader.TryRead(cells, out var structural))
        {
            errors.Add(reader.Row, null, structural ?? "the upload is empty; it needs a header row");
            return TagMapImportResult.Failure(errors.Items);
        }

        var header = ReadHeader(cells, errors);
        if (header is null)
        {
            return TagMapImportResult.Failure(errors.Items);
        }

        var tags = new List<Tag>();
        var rows = new List<int>();
        var failedRows = 0;
        while (!errors.IsFull && reader.TryRead(cells, out structural))
        {
            if (cells.Count == 1 && cells[0].Length == 0)
            {
                continue;
            }

            if (tags.Count + failedRows == limits.MaxTags)
            {
                errors.Add(reader.Row, null, $"more than {limits.MaxTags} tag rows");
                break;
            }

            if (ReadRow(cells, header, reader.Row, errors) is { } tag)
            {
                tags.Add(tag);
                rows.Add(reader.Row);
            }
            else
            {
                failedRows++;
            }
        }

        if (structural is not null)
        {
            errors.Add(reader.Row, null, structural);
        }

        var map = new TagMap(site, connections, tags);
        new TagMapValidator(limits, addresses).Validate(map, rows, null, errors, null);
        return errors.Count == 0 ? TagMapImportResult.Success(map) : TagMapImportResult.Failure(errors.Items);
    }

    private static string[]? ReadHeader(List<string> cells, TagMapErrors errors)
    {
        var header = cells.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in header)
        {
            if (!TagFields.All.Contains(name))
            {
                errors.Add(1, name, $"unknown column '{name}' (columns: {string.Join(", ", TagFields.All)})");
            }
            else if (!seen.Add(name))
            {
                errors.Add(1, name, "the column appears twice");
            }
        }

        foreach (var required in TagFields.Required.Where(field => !seen.Contains(field)))
        {
            errors.Add(1, required, "the required column is missing");
        }

        return errors.Count == 0 ? header : null;
    }

    private static Tag? ReadRow(List<string> cells, string[] header, int row, TagMapErrors errors)
    {
        if (cells.Count != header.Length)
        {
            errors.Add(row, null, $"the row has {cells.Count} fields; the header has {header.Length}");
            return null;
        }

        var fields = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
        var before = errors.Count;
        for (var i = 0; i < header.Length; i++)
        {
            if (cells[i].Length == 0)
            {
                continue;
            }

            var value = SpreadsheetCells.Import(cells[i], TagFields.IsNumeric(header[i]), out var error);
            if (value is null)
            {
                errors.Add(row, header[i], error!);
            }
            else if (value.Length > 0)
            {
                fields[header[i]] = value;
            }
        }

        return errors.Count == before ? TagRecordParser.Parse(new FieldReader(fields, row, errors), errors) : null;
    }

    /// <summary>Writes the tags as CSV: every column, CRLF line ends, text cells neutralized against formulas.</summary>
    public static void Write(TagMap map, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(string.Join(',', TagFields.All));
        output.Write("\r\n");
        foreach (var tag in map.Tags)
        {
            for (var i = 0; i < TagFields.All.Count; i++)
            {
                if (i > 0)
                {
                    output.Write(',');
                }

                var field = TagFields.All[i];
                var text = TagRecordFormatter.Format(tag, field);
                if (text is not null)
                {
                    WriteCell(output, TagFields.IsNumeric(field) ? text : SpreadsheetCells.Neutralize(text));
                }
            }

            output.Write("\r\n");
        }
    }

    /// <summary>The CSV export as UTF-8 bytes (no BOM).</summary>
    public static byte[] ToUtf8Bytes(TagMap map)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(map, writer);
        return Encoding.UTF8.GetBytes(writer.ToString());
    }

    private static void WriteCell(TextWriter output, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            output.Write(text);
            return;
        }

        output.Write('"');
        output.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        output.Write('"');
    }
}
