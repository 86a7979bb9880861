using Microsoft.AspNetCore.Http.HttpResults;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Audit;
using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>
/// The audit log for auditors (<see cref="IamPolicies.AuditRead"/>): query by time, actor and type
/// (paged by sequence), export as CSV or JSON Lines, verify the hash chain against the signed head.
/// </summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(IamPolicies.AuditRead);
        group.MapGet("", QueryAsync).WithName("QueryAudit");
        group.MapGet("/export", Export).WithName("ExportAudit");
        group.MapGet("/verify", VerifyAsync).WithName("VerifyAudit");
        return group;
    }

    private static async Task<Results<Ok<List<AuditEntryResponse>>, ValidationProblem>> QueryAsync(
        AuditReader reader,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? actor,
        string? type,
        long? after,
        int? limit,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > AuditQuery.MaxLimit || after < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit is 1..{AuditQuery.MaxLimit}; after is a sequence number (0 or more)."] });
        }

        var query = new AuditQuery { From = from, To = to, Actor = actor, Type = type, AfterSequence = after ?? 0, Limit = limit ?? 100 };
        var entries = await reader.QueryAsync(query, cancellationToken);
        return TypedResults.Ok(entries.Select(e => new AuditEntryResponse(
            e.Sequence, e.Timestamp, e.Actor, e.Type, e.Subject, e.Data, Convert.ToHexStringLower(e.PreviousHash), Convert.ToHexStringLower(e.Hash))).ToList());
    }

    private static Results<PushStreamHttpResult, ValidationProblem> Export(
        AuditReader reader,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? actor,
        string? type,
        string? format,
        HttpContext context)
    {
        var query = new AuditQuery { From = from, To = to, Actor = actor, Type = type };
        var cancellationToken = context.RequestAborted;
        return (format ?? "csv") switch
        {
            "csv" => TypedResults.Stream(stream => reader.ExportCsvAsync(query, stream, cancellationToken), "text/csv; charset=utf-8", "proxus-audit.csv"),
            "jsonl" => TypedResults.Stream(stream => reader.ExportJsonLinesAsync(query, stream, cancellationToken), "application/jsonl; charset=utf-8", "proxus-audit.jsonl"),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format is csv or jsonl."] }),
        };
    }

    private static async Task<Ok<AuditVerificationResult>> VerifyAsync(AuditVerifier verifier, CancellationToken cancellationToken)
        => TypedResults.Ok(await verifier.VerifyAsync(cancellationToken));
}
