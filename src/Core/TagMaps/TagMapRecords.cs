using Proxus.Core.Model;

namespace Proxus.Core.TagMaps;

/// <summary>
/// Tags and connections as records of text fields, keyed like the CSV columns and YAML keys
/// (<see cref="TagFields"/>, <see cref="ConnectionFields"/>) and written exactly as the exporters
/// write them: what a REST API shows and what it takes back when one tag is edited.
/// </summary>
public static class TagMapRecords
{
    /// <summary>The given fields of a tag in export order; fields without a value are left out.</summary>
    public static IReadOnlyDictionary<string, string> Fields(Tag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var fields = new Dictionary<string, string>(TagFields.All.Count, StringComparer.Ordinal);
        foreach (var field in TagFields.All)
        {
            if (TagRecordFormatter.Format(tag, field) is { } value)
            {
                fields.Add(field, value);
            }
        }

        return fields;
    }

    /// <summary>One field of a tag as tag-map text, or null when the tag has no value for it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="field"/> is not one of <see cref="TagFields.All"/>.</exception>
    public static string? Field(Tag tag, string field)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return TagRecordFormatter.Format(tag, field);
    }

    /// <summary>A connection's id, protocol, agent and endpoint settings, as the YAML export writes them (poll groups aside).</summary>
    public static IReadOnlyDictionary<string, string> Fields(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ConnectionFields.Id] = connection.Id,
            [ConnectionFields.Protocol] = connection.Protocol.ToString(),
            [ConnectionFields.Agent] = connection.Agent,
        };
        foreach (var (key, value, _) in TagMapYaml.EndpointValues(connection.Endpoint))
        {
            if (value is not null)
            {
                fields.Add(key, value);
            }
        }

        return fields;
    }

    /// <summary>
    /// Reads one tag from its text fields (values as in YAML: text as is, null for "not given").
    /// Checks each field on its own; whether the tag fits its connection and the rest of the site
    /// is <see cref="TagMapValidator"/>'s part. Errors name row 0 and the field.
    /// </summary>
    /// <returns>The tag, or null and at least one error.</returns>
    public static Tag? ParseTag(IReadOnlyDictionary<string, string?> fields, out IReadOnlyList<TagMapError> errors, TagMapLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        limits ??= TagMapLimits.Default;
        var collected = new TagMapErrors(limits.MaxErrors);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in fields)
        {
            if (!TagFields.All.Contains(field, StringComparer.Ordinal))
            {
                collected.Add(0, field, $"unknown field; the fields are {string.Join(", ", TagFields.All)}");
            }
            else if (value is { Length: > 0 } text)
            {
                if (text.Length > limits.MaxFieldLength)
                {
                    collected.Add(0, field, $"longer than {limits.MaxFieldLength} characters");
                }
                else
                {
                    given.Add(field, text);
                }
            }
        }

        var tag = collected.Count == 0 ? TagRecordParser.Parse(new FieldReader(given, 0, collected), collected) : null;
        errors = collected.Items;
        return tag;
    }
}
