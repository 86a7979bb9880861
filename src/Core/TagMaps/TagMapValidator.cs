using Proxus.Core.Addressing;
using Proxus.Core.Model;
using Proxus.Core.Uns;

namespace Proxus.Core.TagMaps;

/// <summary>
/// Checks a whole tag map: the site names, every connection, every tag against its connection and
/// protocol, and the rules across tags (unique paths, no overlapping addresses). Shared by the CSV
/// and YAML importers and by anything that builds a tag map in code.
/// </summary>
public sealed partial class TagMapValidator
{
    private readonly TagMapLimits _limits;
    private readonly AddressValidators _addresses;

    public TagMapValidator(TagMapLimits? limits = null, AddressValidators? addresses = null)
    {
        _limits = limits ?? TagMapLimits.Default;
        _addresses = addresses ?? AddressValidators.Default;
    }

    /// <summary>Every problem of the tag map; empty when it is valid.</summary>
    /// <param name="map">The tag map.</param>
    /// <param name="tagRows">The row or line of each tag for error messages; 1-based positions when null.</param>
    /// <param name="connectionRows">The row or line of each connection; 1-based positions when null.</param>
    public IReadOnlyList<TagMapError> Validate(TagMap map, IReadOnlyList<int>? tagRows = null, IReadOnlyList<int>? connectionRows = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var errors = new TagMapErrors(_limits.MaxErrors);
        Validate(map, tagRows, connectionRows, errors, null);
        return errors.Items;
    }

    /// <summary>Validates into <paramref name="errors"/>; tags on <paramref name="unresolvedConnections"/> (connections that failed to parse) are not reported again.</summary>
    internal void Validate(TagMap map, IReadOnlyList<int>? tagRows, IReadOnlyList<int>? connectionRows, TagMapErrors errors, IReadOnlySet<string>? unresolvedConnections)
    {
        ValidateSite(map.Site, errors);
        if (map.Tags.Count > _limits.MaxTags)
        {
            errors.Add(0, null, $"the tag map has {map.Tags.Count} tags; the limit is {_limits.MaxTags}");
            return;
        }

        var connections = ValidateConnections(map.Connections, connectionRows, errors);
        var footprints = new List<(string Connection, AddressFootprint Footprint, int Index)>(map.Tags.Count);
        var paths = new Dictionary<string, int>(map.Tags.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < map.Tags.Count && !errors.IsFull; i++)
        {
            var tag = map.Tags[i];
            var row = RowOf(tagRows, i);
            if (!tag.Path.IsBelow(map.Site))
            {
                errors.Add(row, TagFields.Path, $"the path must start with the site prefix '{map.Site.Prefix}/'");
            }

            if (!paths.TryAdd(tag.Path.Value, i))
            {
                errors.Add(row, TagFields.Path, $"duplicate path; row {RowOf(tagRows, paths[tag.Path.Value])} already uses it");
            }

            if (ValidateTag(tag, row, connections, unresolvedConnections, errors) is { } footprint)
            {
                footprints.Add((tag.Connection, footprint, i));
            }
        }

        FindOverlaps(map.Tags, footprints, tagRows, errors);
    }

    internal static int RowOf(IReadOnlyList<int>? rows, int index) => rows is null ? index + 1 : rows[index];

    private static void ValidateSite(Site site, TagMapErrors errors)
    {
        if (UnsPathRules.CheckLevelName(site.Enterprise) is { } enterprise)
        {
            errors.Add(0, "site.enterprise", enterprise);
        }

        if (UnsPathRules.CheckLevelName(site.Name) is { } name)
        {
            errors.Add(0, "site.name", name);
        }
    }

    private static void FindOverlaps(IReadOnlyList<Tag> tags, List<(string Connection, AddressFootprint Footprint, int Index)> footprints, IReadOnlyList<int>? rows, TagMapErrors errors)
    {
        var groups = footprints.GroupBy(entry => (entry.Connection, entry.Footprint.Space, entry.Footprint.IsBit));
        foreach (var group in groups)
        {
            var ordered = group.OrderBy(entry => entry.Footprint.Start).ThenBy(entry => entry.Footprint.Bit).ThenBy(entry => entry.Index).ToList();
            var reach = ordered[0];
            foreach (var entry in ordered.Skip(1))
            {
                if (entry.Footprint.Overlaps(reach.Footprint))
                {
                    var (first, second) = entry.Index < reach.Index ? (entry, reach) : (reach, entry);
                    var other = tags[first.Index];
                    errors.Add(RowOf(rows, second.Index), TagFields.Address, $"'{tags[second.Index].Address}' overlaps '{other.Address}' of row {RowOf(rows, first.Index)} ({other.Path})");
                }

                if (entry.Footprint.IsBit || entry.Footprint.End > reach.Footprint.End)
                {
                    reach = entry;
                }
            }
        }
    }
}
