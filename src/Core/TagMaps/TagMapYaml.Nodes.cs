namespace Proxus.Core.TagMaps;

public static partial class TagMapYaml
{
    private static void CheckKeys(YamlMapping mapping, IReadOnlyList<string> allowed, TagMapErrors errors)
    {
        foreach (var (key, value) in mapping.Entries)
        {
            if (!allowed.Contains(key))
            {
                errors.Add(value.Line, key, $"unknown key '{key}' (expected: {string.Join(", ", allowed)})");
            }
        }
    }

    private static YamlNode? Get(YamlMapping mapping, string key, TagMapErrors errors)
    {
        var entry = mapping.Entries.Find(candidate => candidate.Key == key);
        if (entry.Value is null)
        {
            errors.Add(mapping.Line, key, "is required");
        }

        return entry.Value;
    }

    /// <summary>The items of a sequence (an absent or null sequence has none).</summary>
    private static IEnumerable<YamlNode> Items(YamlNode? node, string key, int limit, TagMapErrors errors)
    {
        switch (node)
        {
            case null or YamlScalar { Value: null }:
                return [];
            case YamlSequence sequence when sequence.Items.Count > limit:
                errors.Add(sequence.Line, key, $"{sequence.Items.Count} items; the limit is {limit}");
                return [];
            case YamlSequence sequence:
                return sequence.Items;
            default:
                errors.Add(node.Line, key, "must be a list");
                return [];
        }
    }

    /// <summary>The non-null scalar values of a flat mapping, keyed by name; null (with errors) when the item is not one.</summary>
    private static Dictionary<string, string>? Scalars(YamlNode item, IReadOnlyList<string> allowed, TagMapErrors errors, string? nestedKey = null)
    {
        if (item is not YamlMapping mapping)
        {
            errors.Add(item.Line, null, "the item must be a mapping of keys to values");
            return null;
        }

        var before = errors.Count;
        var fields = new Dictionary<string, string>(mapping.Entries.Count, StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            if (!allowed.Contains(key))
            {
                errors.Add(item.Line, key, $"unknown key '{key}'");
            }
            else if (key == nestedKey)
            {
                continue;
            }
            else if (value is not YamlScalar scalar)
            {
                errors.Add(item.Line, key, "must be a single value, not a list or mapping");
            }
            else if (scalar.Value is { Length: > 0 } text)
            {
                fields[key] = text;
            }
        }

        return errors.Count == before ? fields : null;
    }
}
