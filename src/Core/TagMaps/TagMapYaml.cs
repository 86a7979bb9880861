using Proxus.Core.Addressing;
using Proxus.Core.Model;

namespace Proxus.Core.TagMaps;

/// <summary>
/// A site's complete tag map as YAML (docs/tag-maps.md): <c>site</c> (enterprise, name),
/// <c>connections</c> (one item per connection, endpoint keys flat, with <c>poll_groups</c>) and
/// <c>tags</c> (one flat item per tag, the keys of <see cref="TagFields"/>). Import is
/// all-or-nothing and refuses anchors, aliases, explicit tags, deep nesting and oversize documents.
/// </summary>
public static partial class TagMapYaml
{
    private const string SiteKey = "site";
    private const string ConnectionsKey = "connections";
    private const string TagsKey = "tags";
    private const string EnterpriseKey = "enterprise";
    private const string NameKey = "name";

    /// <summary>Reads and validates an uploaded YAML tag map meant for <paramref name="site"/>.</summary>
    public static TagMapImportResult Read(Stream yaml, Site site, TagMapLimits? limits = null, AddressValidators? addresses = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        limits ??= TagMapLimits.Default;
        return UploadText.TryRead(yaml, limits, out var text, out var error)
            ? Read(text, site, limits, addresses)
            : TagMapImportResult.Failure([new(0, null, error)]);
    }

    /// <summary>Reads and validates YAML bytes (UTF-8) meant for <paramref name="site"/>.</summary>
    public static TagMapImportResult Read(ReadOnlySpan<byte> yaml, Site site, TagMapLimits? limits = null, AddressValidators? addresses = null)
    {
        limits ??= TagMapLimits.Default;
        return UploadText.TryDecode(yaml, limits, out var text, out var error)
            ? Read(text, site, limits, addresses)
            : TagMapImportResult.Failure([new(0, null, error)]);
    }

    private static TagMapImportResult Read(string text, Site site, TagMapLimits limits, AddressValidators? addresses)
    {
        ArgumentNullException.ThrowIfNull(site);
        var maxNodes = 16 + (limits.MaxConnections * (ConnectionFields.All.Count + (2 * limits.MaxPollGroupsPerConnection) + 4))
            + (limits.MaxTags * (TagFields.All.Count + 2));
        if (!YamlTreeReader.TryRead(text, limits.MaxYamlDepth, maxNodes, out var root, out var syntax))
        {
            return TagMapImportResult.Failure([syntax]);
        }

        var errors = new TagMapErrors(limits.MaxErrors);
        if (root is not YamlMapping document)
        {
            errors.Add(root.Line, null, "the document must be a mapping with site, connections and tags");
            return TagMapImportResult.Failure(errors.Items);
        }

        CheckKeys(document, [SiteKey, ConnectionsKey, TagsKey], errors);
        ReadSite(Get(document, SiteKey, errors), site, errors);
        var unresolved = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var (connections, connectionRows) = ReadConnections(Get(document, ConnectionsKey, errors), limits, unresolved, errors);
        var (tags, tagRows) = ReadTags(Get(document, TagsKey, errors), limits, errors);
        var map = new TagMap(site, connections, tags);
        if (!errors.IsFull)
        {
            new TagMapValidator(limits, addresses).Validate(map, tagRows, connectionRows, errors, unresolved);
        }

        return errors.Count == 0 ? TagMapImportResult.Success(map) : TagMapImportResult.Failure(errors.Items);
    }

    private static void ReadSite(YamlNode? node, Site site, TagMapErrors errors)
    {
        if (node is null)
        {
            return;
        }

        var fields = Scalars(node, [EnterpriseKey, NameKey], errors);
        if (fields is null)
        {
            return;
        }

        var enterprise = fields.GetValueOrDefault(EnterpriseKey);
        var name = fields.GetValueOrDefault(NameKey);
        if (enterprise is null || name is null)
        {
            errors.Add(node.Line, SiteKey, "needs enterprise and name");
        }
        else if (enterprise != site.Enterprise || name != site.Name)
        {
            errors.Add(node.Line, SiteKey, $"the document is for {enterprise}/{name}, but the upload is for {site.Prefix}");
        }
    }

    /// <summary>Reads the connections; the ids of those that failed go to <paramref name="unresolved"/>.</summary>
    private static (List<Connection> Connections, List<int> Rows) ReadConnections(YamlNode? node, TagMapLimits limits, HashSet<string> unresolved, TagMapErrors errors)
    {
        var connections = new List<Connection>();
        var rows = new List<int>();
        foreach (var item in Items(node, ConnectionsKey, limits.MaxConnections, errors))
        {
            var groupsNode = item is YamlMapping mapping ? mapping.Entries.Find(entry => entry.Key == ConnectionFields.PollGroups).Value : null;
            var fields = Scalars(item, ConnectionFields.All, errors, ConnectionFields.PollGroups);
            var groups = ReadPollGroups(groupsNode, limits, errors);
            if (fields is not null && groups is not null
                && ConnectionRecordParser.Parse(new FieldReader(fields, item.Line, errors), groups, errors) is { } connection)
            {
                connections.Add(connection);
                rows.Add(item.Line);
            }
            else if (fields?.GetValueOrDefault(ConnectionFields.Id) is { } id)
            {
                unresolved.Add(id);
            }
        }

        return (connections, rows);
    }

    private static List<PollGroup>? ReadPollGroups(YamlNode? node, TagMapLimits limits, TagMapErrors errors)
    {
        var groups = new List<PollGroup>();
        var before = errors.Count;
        foreach (var item in Items(node, ConnectionFields.PollGroups, limits.MaxPollGroupsPerConnection, errors))
        {
            var fields = Scalars(item, [ConnectionFields.PollGroupName, ConnectionFields.PollGroupIntervalMs], errors);
            if (fields is null)
            {
                continue;
            }

            var reader = new FieldReader(fields, item.Line, errors);
            var name = reader.RequiredText(ConnectionFields.PollGroupName);
            var interval = reader.Has(ConnectionFields.PollGroupIntervalMs)
                ? reader.Integer(ConnectionFields.PollGroupIntervalMs, 1, TagRecordParser.MaxPollIntervalMs)
                : null;
            if (!reader.Has(ConnectionFields.PollGroupIntervalMs))
            {
                reader.Error(ConnectionFields.PollGroupIntervalMs, "is required");
            }

            if (name is not null && interval is not null)
            {
                groups.Add(new PollGroup(name, TimeSpan.FromMilliseconds(interval.Value)));
            }
        }

        return errors.Count == before ? groups : null;
    }

    private static (List<Tag> Tags, List<int> Rows) ReadTags(YamlNode? node, TagMapLimits limits, TagMapErrors errors)
    {
        var tags = new List<Tag>();
        var rows = new List<int>();
        foreach (var item in Items(node, TagsKey, limits.MaxTags, errors))
        {
            if (errors.IsFull)
            {
                break;
            }

            var fields = Scalars(item, TagFields.All, errors);
            if (fields is not null && TagRecordParser.Parse(new FieldReader(fields, item.Line, errors), errors) is { } tag)
            {
                tags.Add(tag);
                rows.Add(item.Line);
            }
        }

        return (tags, rows);
    }
}
