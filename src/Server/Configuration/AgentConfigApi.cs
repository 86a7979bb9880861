using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Proxus.Server.Audit;

namespace Proxus.Server.Configuration;

/// <summary>
/// The agent-facing configuration endpoints, over mutual TLS only (<see cref="AgentCertificateFilter"/>):
/// <c>GET /api/v1/agent/config</c> serves the caller's newest signed envelope (strong ETag = its
/// version, 304 when unchanged) and <c>POST /api/v1/agent/config/applied</c> records what the agent
/// did with a version. An agent only ever reaches its own configuration: the agent is the
/// certificate's, never a request parameter.
/// </summary>
public static class AgentConfigApi
{
    public const string ProblemPrefix = "urn:proxus:problem:agent-config:";

    /// <summary>A report is a version, a status word and a reason of at most 1000 characters.</summary>
    public const long MaxReportBodySize = 16 * 1024;

    public const string EnvelopeContentType = "application/json";

    public static RouteGroupBuilder MapAgentConfigApi(this IEndpointRouteBuilder endpoints)
    {
        // The caller is authenticated by its client certificate (AgentCertificateFilter), not by IAM.
        var group = endpoints.MapGroup("/api/v1/agent/config").WithTags("Agent configuration").AllowAnonymous().AddEndpointFilter<AgentCertificateFilter>();
        group.MapGet(string.Empty, GetAsync).WithName("GetAgentConfig");
        group.MapPost("/applied", ReportAsync).WithName("ReportAgentConfig").WithMetadata(new RequestSizeLimitAttribute(MaxReportBodySize));
        return group;
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        AgentConfigService configs,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var agent = AgentCertificateFilter.IdentityOf(context);
        var latest = await configs.LatestVersionAsync(agent.AgentId, cancellationToken);
        if (latest is null)
        {
            return TypedResults.Problem(
                "No configuration has been issued to this agent yet; its site has no tag map, or it has no version since the agent was added. The agent is told when one exists.",
                statusCode: StatusCodes.Status404NotFound,
                title: "No configuration yet",
                type: ProblemPrefix + "no-configuration");
        }

        var etag = ETagOf(latest.Value);
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } ifNoneMatch
            && ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false)))
        {
            context.Response.Headers.ETag = etag.ToString();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var envelope = await configs.LatestAsync(agent.AgentId, cancellationToken);
        return TypedResults.File(envelope!.Envelope, EnvelopeContentType, entityTag: ETagOf(envelope.Version));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReportAsync(
        AppliedConfigReport report,
        AgentConfigService configs,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var agent = AgentCertificateFilter.IdentityOf(context);
        AgentConfigReportStatus status;
        switch (report.Status)
        {
            case "applied":
                status = AgentConfigReportStatus.Applied;
                break;
            case "rejected":
                status = AgentConfigReportStatus.Rejected;
                break;
            default:
                return BadReport("status must be 'applied' or 'rejected'.");
        }

        if (report.Version < 1)
        {
            return BadReport("version must be a configuration version (1 or more).");
        }

        if (report.Reason is { Length: > Configuration.AgentConfigState.MaxReasonLength })
        {
            return BadReport($"reason has at most {Configuration.AgentConfigState.MaxReasonLength} characters.");
        }

        try
        {
            return await configs.ReportAsync(agent, report.Version, status, report.Reason, cancellationToken)
                ? TypedResults.NoContent()
                : TypedResults.Problem(
                    $"Version {report.Version} was never issued to this agent.",
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Unknown configuration version",
                    type: ProblemPrefix + "unknown-version");
        }
        catch (AuditUnavailableException)
        {
            return TypedResults.Problem(
                "The audit log cannot be written, so the report is not recorded. Retry later.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Audit log unavailable",
                type: "urn:proxus:problem:audit-unavailable");
        }
    }

    private static EntityTagHeaderValue ETagOf(long version) => new("\"" + version.ToString(CultureInfo.InvariantCulture) + "\"");

    private static ProblemHttpResult BadReport(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid report", type: ProblemPrefix + "invalid-report");
}
