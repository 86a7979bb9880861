using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Proxus.Core.Model;
using Proxus.Core.TagMaps;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Configuration;

namespace Proxus.Server.Api;

public static partial class TagMapsApi
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public const string YamlContentType = "application/yaml; charset=utf-8";

    /// <summary>One byte more than an upload may have, so the importer (not Kestrel) reports an oversize chunked body.</summary>
    public const long MaxUploadBodySize = 64L * 1024 * 1024 + 1;

    /// <summary>An edited tag is at most 21 fields of at most 1,024 characters.</summary>
    public const long MaxJsonBodySize = 256 * 1024;

    private static readonly string[] CsvMediaTypes = ["text/csv"];
    private static readonly string[] YamlMediaTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    /// <summary>The upload's format from its Content-Type, or the problem that refuses it before its body is read.</summary>
    private static ProblemHttpResult? UploadFormat(HttpRequest request, out TagMapFormat format)
    {
        format = TagMapFormat.Yaml;
        if (request.ContentLength > TagMapLimits.Default.MaxBytes)
        {
            return TypedResults.Problem(
                $"The upload has {request.ContentLength} bytes; a tag map has at most {TagMapLimits.Default.MaxBytes}. Nothing was read or stored.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Upload too large",
                type: ProblemPrefix + "too-large");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || contentType.MediaType.Value is not { } mediaType
            || (!CsvMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase) && !YamlMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase)))
        {
            return Unsupported($"Send a tag map as text/csv (the tags) or application/yaml (the whole site), not '{request.ContentType}'.");
        }

        if (contentType.Charset.Value is { } charset && !string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return Unsupported($"A tag map is UTF-8 text; charset '{charset}' is not accepted.");
        }

        format = CsvMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase) ? TagMapFormat.Csv : TagMapFormat.Yaml;
        return null;
    }

    private static ProblemHttpResult Unsupported(string detail)
        => TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported upload", type: ProblemPrefix + "unsupported-media-type");

    private static bool TryReadQuery(string? search, string? sort, string? order, int? offset, int? limit, out TagQuery query, [NotNullWhen(false)] out ValidationProblem? invalid)
    {
        query = null!;
        var errors = new Dictionary<string, string[]>();
        TagSortKey key = TagSortKey.Path;
        if (sort is not null && !TryParseSort(sort, out key))
        {
            errors["sort"] = ["sort is path, address, connection or data_type."];
        }

        var descending = string.Equals(order, "desc", StringComparison.OrdinalIgnoreCase);
        if (order is not null && !descending && !string.Equals(order, "asc", StringComparison.OrdinalIgnoreCase))
        {
            errors["order"] = ["order is asc or desc."];
        }

        if (offset < 0)
        {
            errors["offset"] = ["offset is 0 or more."];
        }

        if (limit is < 1 or > TagQuery.MaxLimit)
        {
            errors["limit"] = [$"limit is 1 to {TagQuery.MaxLimit}."];
        }

        if (search is { Length: > TagQuery.MaxSearchLength })
        {
            errors["search"] = [$"search has at most {TagQuery.MaxSearchLength} characters."];
        }

        if (errors.Count > 0)
        {
            invalid = TypedResults.ValidationProblem(errors, type: "urn:proxus:problem:invalid-request");
            return false;
        }

        query = new TagQuery(search, key, descending, offset ?? 0, limit ?? TagQuery.DefaultLimit);
        invalid = null;
        return true;
    }

    private static bool TryParseSort(string sort, out TagSortKey key)
    {
        key = sort.ToLowerInvariant() switch
        {
            "path" => TagSortKey.Path,
            "address" => TagSortKey.Address,
            "connection" => TagSortKey.Connection,
            "data_type" => TagSortKey.DataType,
            _ => (TagSortKey)(-1),
        };
        return Enum.IsDefined(key);
    }

    private static SiteNamespaceResponse ToResponse(SiteNamespace ns) => new(ns.SiteId, ns.Enterprise, ns.Name, ns.ToModel().Prefix, ns.CreatedAt);

    private static ConnectionResponse ToResponse(Connection connection)
        => new(TagMapRecords.Fields(connection), [.. connection.PollGroups.Select(g => new PollGroupResponse(g.Name, (long)g.Interval.TotalMilliseconds))]);

    private static TagMapDiffResponse ToResponse(TagMapDiff diff) => new(
        [.. diff.AddedTags.Select(TagMapRecords.Fields)],
        [.. diff.RemovedTags.Select(TagMapRecords.Fields)],
        [.. diff.ChangedTags.Select(change => new TagChangeResponse(change.After.Path.Value, change.Fields))],
        [.. diff.AddedConnections.Select(ToResponse)],
        [.. diff.RemovedConnections.Select(ToResponse)],
        [.. diff.ChangedConnections.Select(change => new ConnectionChangeResponse(change.After.Id, ToResponse(change.Before), ToResponse(change.After)))]);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
