using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Proxus.Server.Identity;

namespace Proxus.Server.Telemetry;

/// <summary>
/// <c>/api/v1/history</c>: raw values, bucket aggregates, CSV export and last values, for many
/// tags per request. Large results stream: rows go to the response as the database returns them.
/// Every endpoint requires the <see cref="ReadPolicy"/> authorization policy and passes the
/// object-level check of <see cref="TagAccess"/>: a request naming a tag below none of the caller's
/// sites answers 404 and returns no value of any tag.
/// </summary>
public static class HistoryApi
{
    /// <summary>The authorization policy of the history endpoints.</summary>
    public const string ReadPolicy = IamPolicies.HistoryRead;

    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/history").RequireAuthorization(ReadPolicy).WithTags("History");
        group.MapGet("/raw", GetRaw);
        group.MapGet("/aggregates", GetAggregates);
        group.MapGet("/export", Export);
        group.MapGet("/last", GetLast);
        return group;
    }

    private static async Task<Results<Ok<IAsyncEnumerable<HistoryPoint>>, ValidationProblem, ProblemHttpResult>> GetRaw(
        [FromQuery(Name = "tag")] string[]? tags,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? limit,
        IOptions<TelemetryOptions> options,
        [FromServices] ITelemetryStore store,
        TagAccess access,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!TryValidate(tags, from, to, limit, options.Value, out var query, out var rowLimit, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await CoversAsync(access, user, query!.Tags, cancellationToken))
        {
            return NotVisible();
        }

        return TypedResults.Ok(ReadRawAsync(store, query!, rowLimit, CancellationToken.None));
    }

    private static async Task<Results<Ok<IAsyncEnumerable<HistoryBucket>>, ValidationProblem, ProblemHttpResult>> GetAggregates(
        [FromQuery(Name = "tag")] string[]? tags,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? bucket,
        IOptions<TelemetryOptions> options,
        [FromServices] ITelemetryStore store,
        TagAccess access,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        HistoryQuery.TryCreate(tags, from, to, options.Value, out var query, out var errors);
        if (!BucketWidth.TryParse(bucket, out var width))
        {
            errors["bucket"] = ["bucket is a positive width such as 500ms, 10s, 1m, 1h or 1d (at most 366 days)."];
        }
        else if (query is not null && (query.To - query.From).Ticks / width.Ticks > options.Value.MaxBuckets)
        {
            errors["bucket"] = [$"The range holds more than {options.Value.MaxBuckets} buckets of this width."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await CoversAsync(access, user, query!.Tags, cancellationToken))
        {
            return NotVisible();
        }

        return TypedResults.Ok(ReadAggregatesAsync(store, query!, width, CancellationToken.None));
    }

    private static async Task<Results<HistoryCsv, ValidationProblem, ProblemHttpResult>> Export(
        [FromQuery(Name = "tag")] string[]? tags,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? limit,
        IOptions<TelemetryOptions> options,
        [FromServices] ITelemetryStore store,
        TagAccess access,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!TryValidate(tags, from, to, limit, options.Value, out var query, out var rowLimit, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await CoversAsync(access, user, query!.Tags, cancellationToken))
        {
            return NotVisible();
        }

        return new HistoryCsv(ReadRawAsync(store, query!, rowLimit, CancellationToken.None), "history.csv");
    }

    private static async Task<Results<Ok<IReadOnlyList<LastValue>>, ValidationProblem, ProblemHttpResult>> GetLast(
        [FromQuery(Name = "tag")] string[]? tags,
        IOptions<TelemetryOptions> options,
        LastValueCache cache,
        TagAccess access,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var distinct = (tags ?? []).Where(tag => !string.IsNullOrEmpty(tag)).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0 || distinct.Count > options.Value.MaxTagsPerQuery)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tag"] = [$"Name 1 to {options.Value.MaxTagsPerQuery} tags (?tag=..., repeatable)."] });
        }

        if (!await CoversAsync(access, user, distinct, cancellationToken))
        {
            return NotVisible();
        }

        return TypedResults.Ok(await cache.GetAsync(distinct, cancellationToken));
    }

    private static async Task<bool> CoversAsync(TagAccess access, ClaimsPrincipal user, IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeAsync(user, cancellationToken);
        return tags.All(scope.Covers);
    }

    /// <summary>The same answer whether the tag exists at another site or nowhere.</summary>
    private static ProblemHttpResult NotVisible()
        => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown tag", detail: "A requested tag lies below none of the sites visible to the caller.");

    private static bool TryValidate(string[]? tags, DateTimeOffset? from, DateTimeOffset? to, int? limit, TelemetryOptions options, out HistoryQuery? query, out int rowLimit, out Dictionary<string, string[]> errors)
    {
        HistoryQuery.TryCreate(tags, from, to, options, out query, out errors);
        rowLimit = limit ?? options.MaxRawRows;
        if (rowLimit < 1 || rowLimit > options.MaxRawRows)
        {
            errors["limit"] = [$"limit must be 1..{options.MaxRawRows}."];
        }

        return errors.Count == 0;
    }

    /// <summary>Each tag in turn, in time order, until <paramref name="limit"/> rows in all.</summary>
    private static async IAsyncEnumerable<HistoryPoint> ReadRawAsync(ITelemetryStore store, HistoryQuery query, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var remaining = limit;
        foreach (var tag in query.Tags)
        {
            await foreach (var point in store.ReadRawAsync(tag, query.From, query.To, remaining, cancellationToken))
            {
                yield return point;
                remaining--;
            }

            if (remaining == 0)
            {
                yield break;
            }
        }
    }

    private static async IAsyncEnumerable<HistoryBucket> ReadAggregatesAsync(ITelemetryStore store, HistoryQuery query, TimeSpan width, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var tag in query.Tags)
        {
            await foreach (var bucket in store.ReadAggregatesAsync(tag, query.From, query.To, width, cancellationToken))
            {
                yield return bucket;
            }
        }
    }
}
