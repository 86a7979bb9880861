using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Data;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>
/// Sites and their agents. Reading needs <see cref="IamPolicies.FleetRead"/> and passes the
/// object-level check of <see cref="SiteAccessFilter"/>: a site outside the caller's sites answers 404
/// like a site that does not exist. Creating needs Admin.
/// </summary>
public static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sites").WithTags("Sites");
        group.MapGet("", ListAsync).WithName("ListSites").RequireAuthorization(IamPolicies.FleetRead);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetSite").RequireAuthorization(IamPolicies.FleetRead).AddEndpointFilter<SiteAccessFilter>();
        group.MapGet("/{id:guid}/agents", ListAgentsAsync).WithName("ListSiteAgents").RequireAuthorization(IamPolicies.FleetRead).AddEndpointFilter<SiteAccessFilter>();
        group.MapPost("", CreateAsync).WithName("CreateSite").RequireAuthorization(IamPolicies.Admin);
        group.MapPost("/{id:guid}/agents", CreateAgentAsync).WithName("CreateAgent").RequireAuthorization(IamPolicies.Admin);
        return group;
    }

    internal static AgentResponse ToResponse(Agent agent) => new(agent.Id, agent.SiteId, agent.Name, agent.CreatedAt);

    private static async Task<Ok<List<SiteResponse>>> ListAsync(SiteAccess access, IDbContextFactory<ProxusDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleSitesAsync(user, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sites = db.Sites.AsNoTracking();
        if (visible is not null)
        {
            var ids = visible.ToList();
            sites = sites.Where(s => ids.Contains(s.Id));
        }

        return TypedResults.Ok(await sites.OrderBy(s => s.Name).Select(s => new SiteResponse(s.Id, s.Name, s.CreatedAt)).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Ok<SiteResponse>, NotFound>> GetAsync(Guid id, IDbContextFactory<ProxusDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return site is null ? TypedResults.NotFound() : TypedResults.Ok(new SiteResponse(site.Id, site.Name, site.CreatedAt));
    }

    private static async Task<Results<Ok<List<AgentResponse>>, NotFound>> ListAgentsAsync(Guid id, IDbContextFactory<ProxusDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Sites.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var agents = await db.Agents.AsNoTracking().Where(a => a.SiteId == id && a.DeletedAt == null).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(agents.Select(ToResponse).ToList());
    }

    private static async Task<Created<SiteResponse>> CreateAsync(CreateSiteRequest request, FleetService fleet, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var site = await fleet.CreateSiteAsync(request.Name ?? string.Empty, ApiPrincipal.Actor(user), cancellationToken);
        return TypedResults.Created($"/api/v1/sites/{site.Id:D}", new SiteResponse(site.Id, site.Name, site.CreatedAt));
    }

    private static async Task<Results<Created<AgentResponse>, NotFound>> CreateAgentAsync(Guid id, CreateAgentRequest request, FleetService fleet, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            var agent = await fleet.CreateAgentAsync(id, request.Name ?? string.Empty, ApiPrincipal.Actor(user), cancellationToken);
            return TypedResults.Created($"/api/v1/agents/{agent.Id:D}", ToResponse(agent));
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound();
        }
    }
}
