using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Data;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>
/// One agent: read it (<see cref="IamPolicies.FleetRead"/>, 404 outside the caller's sites), create
/// an enrollment token for it, revoke every certificate it holds, and delete it once it holds no
/// live certificate (Admin).
/// </summary>
public static class AgentsApi
{
    public static RouteGroupBuilder MapAgentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agents").WithTags("Agents");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetAgent").RequireAuthorization(IamPolicies.FleetRead);
        group.MapPost("/{id:guid}/enrollment-tokens", CreateTokenAsync).WithName("CreateEnrollmentToken").RequireAuthorization(IamPolicies.Admin);
        group.MapPost("/{id:guid}/revoke", RevokeAsync).WithName("RevokeAgent").RequireAuthorization(IamPolicies.Admin);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteAgent").RequireAuthorization(IamPolicies.Admin);
        return group;
    }

    private static async Task<Results<Ok<AgentResponse>, NotFound>> GetAsync(Guid id, SiteAccess access, IDbContextFactory<ProxusDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agent = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.DeletedAt == null, cancellationToken);
        return agent is not null && await access.CanSeeAsync(user, agent.SiteId, cancellationToken)
            ? TypedResults.Ok(SitesApi.ToResponse(agent))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<IssuedEnrollmentToken>, NotFound>> CreateTokenAsync(
        Guid id,
        CreateEnrollmentTokenRequest request,
        EnrollmentService enrollment,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var lifetime = request.LifetimeMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        try
        {
            return TypedResults.Ok(await enrollment.CreateTokenAsync(id, ApiPrincipal.Actor(user), lifetime, cancellationToken));
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound();
        }
    }

    private static async Task<Results<Ok<RevokedCertificatesResponse>, NotFound, ValidationProblem>> RevokeAsync(
        Guid id,
        RevokeAgentRequest request,
        EnrollmentService enrollment,
        IDbContextFactory<ProxusDbContext> contexts,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var reason = X509RevocationReason.CessationOfOperation;
        if (request.Reason is { } text && (!Enum.TryParse(text, ignoreCase: false, out reason) || !Enum.IsDefined(reason) || int.TryParse(text, out _)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"Use one of: {string.Join(", ", Enum.GetNames<X509RevocationReason>())}."] });
        }

        List<string> serials;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Agents.AnyAsync(a => a.Id == id && a.DeletedAt == null, cancellationToken))
            {
                return TypedResults.NotFound();
            }

            serials = await db.IssuedCertificates.Where(c => c.AgentId == id && c.RevokedAt == null).Select(c => c.SerialNumber).ToListAsync(cancellationToken);
        }

        var revoked = new List<string>();
        foreach (var serial in serials)
        {
            if (await enrollment.RevokeCertificateAsync(serial, reason, ApiPrincipal.Actor(user), cancellationToken))
            {
                revoked.Add(serial);
            }
        }

        return TypedResults.Ok(new RevokedCertificatesResponse(revoked));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, FleetService fleet, ClaimsPrincipal user, CancellationToken cancellationToken)
        => await fleet.DeleteAgentAsync(id, ApiPrincipal.Actor(user), cancellationToken) switch
        {
            AgentDeletion.Deleted => TypedResults.NoContent(),
            AgentDeletion.HoldsLiveCertificate => TypedResults.Problem(
                "The agent holds a certificate that is not revoked. Revoke it first (POST /api/v1/agents/{id}/revoke).",
                statusCode: StatusCodes.Status409Conflict,
                title: "Agent not revoked",
                type: "urn:proxus:problem:agent-not-revoked"),
            _ => TypedResults.NotFound(),
        };
}
