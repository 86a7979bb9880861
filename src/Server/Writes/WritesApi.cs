using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Proxus.Server.Api;
using Proxus.Server.Identity;
using Proxus.Server.Writes.Contracts;

namespace Proxus.Server.Writes;

/// <summary>
/// Governed control writes under <c>/api/v1/writes</c> (docs/writes.md): create (OtEngineer or
/// Admin, for a site they may see), list and get with the timeline (every role; OtEngineers see
/// their sites only), approve and reject (Approver, never the requester), cancel (the requester or
/// an Admin), the auditor's export, and the per-site switch out of diode mode (Admin).
/// </summary>
public static class WritesApi
{
    public static RouteGroupBuilder MapWritesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(ApiEndpoints.Prefix + "/writes").WithTags("Writes")
            .AddEndpointFilter<ApiErrorFilter>().AddEndpointFilter<WriteErrorFilter>();
        group.MapPost(string.Empty, CreateAsync).WithName("CreateWriteRequest").RequireAuthorization(IamPolicies.WritesRequest);
        group.MapGet(string.Empty, ListAsync).WithName("ListWriteRequests").RequireAuthorization(IamPolicies.WritesRead);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWriteRequest").RequireAuthorization(IamPolicies.WritesRead);
        group.MapPost("/{id:guid}/approve", ApproveAsync).WithName("ApproveWriteRequest").RequireAuthorization(IamPolicies.WritesApprove);
        group.MapPost("/{id:guid}/reject", RejectAsync).WithName("RejectWriteRequest").RequireAuthorization(IamPolicies.WritesApprove);
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelWriteRequest").RequireAuthorization(IamPolicies.WritesRequest);
        group.MapGet("/export", Export).WithName("ExportWriteLog").RequireAuthorization(IamPolicies.AuditRead);
        group.MapPut("/sites/{id:guid}", SetSiteAsync).WithName("SetSiteWrites").RequireAuthorization(IamPolicies.Admin);
        return group;
    }

    private static async Task<Created<WriteRequestResponse>> CreateAsync(
        CreateWriteRequest body, WriteRequestService writes, SiteAccess access, UserManager<ProxusUser> users, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var caller = WriteCaller.Of(user, users);
        var request = await writes.CreateAsync(body, caller, await access.VisibleSitesAsync(user, cancellationToken), cancellationToken);
        return TypedResults.Created($"{ApiEndpoints.Prefix}/writes/{request.Id:D}", WriteRequestResponse.Of(request, await writes.TimelineAsync(request.Id, cancellationToken)));
    }

    private static async Task<Results<Ok<List<WriteRequestResponse>>, ValidationProblem>> ListAsync(
        WriteRequestService writes,
        SiteAccess access,
        ClaimsPrincipal user,
        Guid? site,
        string? state,
        string? requester,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? limit,
        CancellationToken cancellationToken)
    {
        if (ParseQuery(site, state, requester, from, to, limit) is not { } query)
        {
            return Invalid();
        }

        var requests = await writes.ListAsync(query with { VisibleSites = await access.VisibleSitesAsync(user, cancellationToken) }, cancellationToken);
        return TypedResults.Ok(requests.Select(r => WriteRequestResponse.Of(r)).ToList());
    }

    private static async Task<Results<Ok<WriteRequestResponse>, NotFound>> GetAsync(Guid id, WriteRequestService writes, SiteAccess access, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var request = await writes.GetAsync(id, cancellationToken);
        if (request is null || !await access.CanSeeAsync(user, request.SiteId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(WriteRequestResponse.Of(request, await writes.TimelineAsync(id, cancellationToken)));
    }

    private static async Task<Ok<WriteRequestResponse>> ApproveAsync(Guid id, WriteRequestService writes, UserManager<ProxusUser> users, ClaimsPrincipal user, CancellationToken cancellationToken)
        => TypedResults.Ok(WriteRequestResponse.Of(await writes.ApproveAsync(id, WriteCaller.Of(user, users), cancellationToken)));

    private static async Task<Ok<WriteRequestResponse>> RejectAsync(Guid id, RejectWriteRequest body, WriteRequestService writes, UserManager<ProxusUser> users, ClaimsPrincipal user, CancellationToken cancellationToken)
        => TypedResults.Ok(WriteRequestResponse.Of(await writes.RejectAsync(id, body.Reason, WriteCaller.Of(user, users), cancellationToken)));

    private static async Task<Ok<WriteRequestResponse>> CancelAsync(Guid id, WriteRequestService writes, UserManager<ProxusUser> users, ClaimsPrincipal user, CancellationToken cancellationToken)
        => TypedResults.Ok(WriteRequestResponse.Of(await writes.CancelAsync(id, WriteCaller.Of(user, users), cancellationToken)));

    private static Results<PushStreamHttpResult, ValidationProblem> Export(
        WriteLogExporter exporter,
        Guid? site,
        string? state,
        string? requester,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? format,
        HttpContext context)
    {
        if (ParseQuery(site, state, requester, from, to, limit: null) is not { } query)
        {
            return Invalid();
        }

        var cancellationToken = context.RequestAborted;
        return (format ?? "csv") switch
        {
            "csv" => TypedResults.Stream(stream => exporter.ExportCsvAsync(query, stream, cancellationToken), "text/csv; charset=utf-8", "proxus-writes.csv"),
            "jsonl" => TypedResults.Stream(stream => exporter.ExportJsonLinesAsync(query, stream, cancellationToken), "application/jsonl; charset=utf-8", "proxus-writes.jsonl"),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format is csv or jsonl."] }),
        };
    }

    private static async Task<NoContent> SetSiteAsync(Guid id, SiteWritesRequest body, SiteWritePolicyService policies, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await policies.SetAsync(id, body.WritesEnabled, ApiPrincipal.Actor(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static WriteRequestQuery? ParseQuery(Guid? site, string? state, string? requester, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        WriteState? parsed = null;
        if (state is not null)
        {
            if (!Enum.TryParse<WriteState>(state, ignoreCase: true, out var value) || !Enum.IsDefined(value))
            {
                return null;
            }

            parsed = value;
        }

        if (limit is < 1 or > WriteRequestQuery.MaxLimit || requester is { Length: > WriteRequest.MaxActorLength })
        {
            return null;
        }

        return new WriteRequestQuery { SiteId = site, State = parsed, RequestedBy = requester, From = from, To = to, Limit = limit ?? 100 };
    }

    private static ValidationProblem Invalid() => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        ["query"] = [$"state is one of {string.Join(", ", Enum.GetNames<WriteState>())}; limit is 1..{WriteRequestQuery.MaxLimit}; requester at most {WriteRequest.MaxActorLength} characters."],
    });
}
