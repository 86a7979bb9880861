using System.Globalization;
using Proxus.Core.Model;
using Proxus.Core.TagMaps;
using Proxus.Server.Configuration;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

internal sealed partial class TagMapDirectory
{
    /// <summary>The key a connection's poll groups are shown under, as in the YAML.</summary>
    private const string PollGroupsField = ConnectionFields.PollGroups;

    private static TagMapVersionView ToView(TagMapVersionInfo info)
        => new(info.Version, info.Author, info.CreatedAt, info.Comment, info.ConnectionCount, info.TagCount, info.RolledBackFrom, info.ContentSha256);

    private static TagView ToView(Tag tag) => new(TagMapRecords.Fields(tag));

    private static TagMapProblem ToView(TagMapError error) => new(error.Row, error.Field, error.Message);

    private static ConnectionView ToView(Connection connection) => new(connection.Id, ConnectionFieldsOf(connection));

    private static TagMapDiffView ToView(TagMapDiff diff) => new(
        diff.AddedTags.Count,
        diff.RemovedTags.Count,
        diff.ChangedTags.Count,
        [.. diff.AddedTags.Take(TagMapDiffView.MaxItems).Select(ToView)],
        [.. diff.RemovedTags.Take(TagMapDiffView.MaxItems).Select(ToView)],
        [.. diff.ChangedTags.Take(TagMapDiffView.MaxItems).Select(c => new TagChangeView(c.After.Path.Value, [.. c.Fields.Select(f => new FieldChangeView(f.Field, f.Before, f.After))]))],
        [.. diff.AddedConnections.Select(ToView)],
        [.. diff.RemovedConnections.Select(ToView)],
        [.. diff.ChangedConnections.Select(c => new ConnectionChangeView(c.After.Id, ConnectionFieldChanges(c.Before, c.After)))]);

    private static TagMapUploadView ToView(Guid? uploadId, string fileName, TagMapFormat format, long bytes, TagMapPreview preview) => new(
        uploadId,
        fileName,
        format == TagMapFormat.Csv ? "CSV (the tags; the connections stay)" : "YAML (the whole site)",
        bytes,
        preview.BaseVersion,
        [.. preview.Errors.Select(ToView)],
        preview.Diff is { } diff ? ToView(diff) : null);

    private async Task<TagMapChangeView> ToViewAsync(Guid siteId, TagMapChangeResult result, CancellationToken cancellationToken)
    {
        if (result.Status == TagMapChangeStatus.Conflict)
        {
            var current = (await tagMaps.ListVersionsAsync(siteId, cancellationToken)).FirstOrDefault();
            return current is null
                ? new TagMapChangeView(TagMapChangeOutcome.Conflict, null, 0, [.. result.Errors.Select(ToView)], null)
                : Conflict(current);
        }

        var outcome = result.Status switch
        {
            TagMapChangeStatus.Created => TagMapChangeOutcome.Created,
            TagMapChangeStatus.Unchanged => TagMapChangeOutcome.Unchanged,
            _ => TagMapChangeOutcome.Rejected,
        };
        return new TagMapChangeView(outcome, result.Version is { } version ? ToView(version) : null, result.Issued.Count, [.. result.Errors.Select(ToView)], null);
    }

    private static TagMapChangeView Conflict(TagMapVersionInfo current) => new(
        TagMapChangeOutcome.Conflict,
        null,
        0,
        [new TagMapProblem(0, null, $"the tag map changed meanwhile (now version {current.Version.ToString(CultureInfo.InvariantCulture)}); review it and submit again")],
        ToView(current));

    private static Dictionary<string, string> ConnectionFieldsOf(Connection connection)
    {
        var fields = new Dictionary<string, string>(TagMapRecords.Fields(connection), StringComparer.Ordinal);
        if (connection.PollGroups.Count > 0)
        {
            fields[PollGroupsField] = string.Join(", ", connection.PollGroups.Select(g => $"{g.Name}={g.Interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms"));
        }

        return fields;
    }

    private static List<FieldChangeView> ConnectionFieldChanges(Connection before, Connection after)
    {
        var old = ConnectionFieldsOf(before);
        var current = ConnectionFieldsOf(after);
        return
        [
            .. ConnectionFields.All
                .Select(field => new FieldChangeView(field, old.GetValueOrDefault(field), current.GetValueOrDefault(field)))
                .Where(change => !string.Equals(change.Before, change.After, StringComparison.Ordinal)),
        ];
    }
}
