using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Api;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Fleet.Status;
using Proxus.Server.Identity;
using Proxus.Server.Pki;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

/// <summary>The portal's fleet over <see cref="FleetService"/>, <see cref="EnrollmentService"/> and <see cref="SiteAccess"/>.</summary>
internal sealed class FleetDirectory(
    IDbContextFactory<ProxusDbContext> contexts,
    FleetService fleet,
    EnrollmentService enrollment,
    AgentConfigService configurations,
    SiteAccess access,
    IAgentStatusStore statuses,
    CertificateAuthority authority,
    PortalAuthorization authorization) : IFleetDirectory
{
    public async Task<IReadOnlyList<SiteView>> ListSitesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.FleetRead);
        var visible = await access.VisibleSitesAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        if (visible is not null)
        {
            sites = sites.Where(s => visible.Contains(s.Id)).ToList();
        }

        var siteIds = sites.Select(s => s.Id).ToList();
        var agents = await db.Agents.AsNoTracking().Where(a => siteIds.Contains(a.SiteId) && a.DeletedAt == null).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var expiries = await CertificateExpiriesAsync(db, agents.Select(a => a.Id).ToList(), cancellationToken);
        var prefixes = await db.SiteNamespaces.AsNoTracking()
            .Where(ns => siteIds.Contains(ns.SiteId))
            .ToDictionaryAsync(ns => ns.SiteId, ns => $"{ns.Enterprise}/{ns.Name}", cancellationToken);
        return sites.Select(s => new SiteView(
            s.Id,
            s.Name,
            prefixes.GetValueOrDefault(s.Id),
            s.CreatedAt,
            agents.Where(a => a.SiteId == s.Id).Select(a => ToView(a, expiries)).ToList())).ToList();
    }

    public async Task<AgentDetailView?> GetAgentAsync(ClaimsPrincipal caller, Guid agentId, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.FleetRead);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agent = await db.Agents.AsNoTracking().Include(a => a.Site).SingleOrDefaultAsync(a => a.Id == agentId && a.DeletedAt == null, cancellationToken);
        if (agent is null || !await access.CanSeeAsync(caller, agent.SiteId, cancellationToken))
        {
            return null;
        }

        var certificates = await db.IssuedCertificates.AsNoTracking().Where(c => c.AgentId == agentId).ToListAsync(cancellationToken);
        var expiries = await CertificateExpiriesAsync(db, [agentId], cancellationToken);
        var config = await configurations.GetSummaryAsync(agentId, cancellationToken);
        var report = config.ReportStatus is { } status ? $"{status} version {config.ReportedVersion}" + (config.Reason is { } reason ? $": {reason}" : string.Empty) : null;
        return new AgentDetailView(
            ToView(agent, expiries),
            agent.Site?.Name ?? string.Empty,
            certificates.OrderByDescending(c => c.NotBefore)
                .Select(c => new CertificateView(c.SerialNumber, c.Subject, c.NotBefore, c.NotAfter, c.RevokedAt, c.RevocationReason?.ToString()))
                .ToList(),
            config.LatestVersion,
            config.AppliedVersion,
            report,
            config.ReportedAt);
    }

    public async Task<SiteView> CreateSiteAsync(ClaimsPrincipal caller, string name, string? unsPrefix, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        try
        {
            var prefix = string.IsNullOrWhiteSpace(unsPrefix) ? null : unsPrefix.Trim();
            var site = await fleet.CreateSiteAsync(name, prefix, ApiPrincipal.Actor(caller), cancellationToken);
            return new SiteView(site.Id, site.Name, prefix, site.CreatedAt, []);
        }
        catch (ArgumentException e)
        {
            throw new PortalException(WithoutParameter(e));
        }
        catch (DbUpdateException e)
        {
            throw new PortalException("The site could not be saved: its UNS prefix belongs to another site.", e);
        }
    }

    public async Task<AgentView> CreateAgentAsync(ClaimsPrincipal caller, Guid siteId, string name, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        try
        {
            var agent = await fleet.CreateAgentAsync(siteId, name, ApiPrincipal.Actor(caller), cancellationToken);
            return new AgentView(agent.Id, agent.SiteId, agent.Name, agent.CreatedAt, null, null);
        }
        catch (ArgumentException e)
        {
            throw new PortalException(WithoutParameter(e));
        }
        catch (KeyNotFoundException e)
        {
            throw new PortalException("The site does not exist.", e);
        }
    }

    public async Task<EnrollmentTokenView> CreateEnrollmentTokenAsync(ClaimsPrincipal caller, Guid agentId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        try
        {
            var token = await enrollment.CreateTokenAsync(agentId, ApiPrincipal.Actor(caller), lifetime, cancellationToken);
            var fingerprint = string.Join(':', authority.RootCertificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
            return new EnrollmentTokenView(token.AgentId, token.Token, token.ExpiresAt, fingerprint);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new PortalException($"A token is valid for 1 minute to {EnrollmentService.MaxTokenLifetime.TotalDays:0} days.", e);
        }
        catch (KeyNotFoundException e)
        {
            throw new PortalException("The agent does not exist.", e);
        }
    }

    public async Task<IReadOnlyList<string>> RevokeAgentAsync(ClaimsPrincipal caller, Guid agentId, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        List<string> serials;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Agents.AnyAsync(a => a.Id == agentId && a.DeletedAt == null, cancellationToken))
            {
                throw new PortalException("The agent does not exist.");
            }

            serials = await db.IssuedCertificates.Where(c => c.AgentId == agentId && c.RevokedAt == null).Select(c => c.SerialNumber).ToListAsync(cancellationToken);
        }

        var revoked = new List<string>();
        foreach (var serial in serials)
        {
            if (await enrollment.RevokeCertificateAsync(serial, System.Security.Cryptography.X509Certificates.X509RevocationReason.CessationOfOperation, ApiPrincipal.Actor(caller), cancellationToken))
            {
                revoked.Add(serial);
            }
        }

        return revoked;
    }

    public async Task DeleteAgentAsync(ClaimsPrincipal caller, Guid agentId, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        switch (await fleet.DeleteAgentAsync(agentId, ApiPrincipal.Actor(caller), cancellationToken))
        {
            case AgentDeletion.NotFound:
                throw new PortalException("The agent does not exist.");
            case AgentDeletion.HoldsLiveCertificate:
                throw new PortalException("The agent holds a certificate that is not revoked: revoke it first.");
        }
    }

    private static async Task<Dictionary<Guid, DateTimeOffset>> CertificateExpiriesAsync(ProxusDbContext db, List<Guid> agentIds, CancellationToken cancellationToken)
    {
        var live = await db.IssuedCertificates.AsNoTracking()
            .Where(c => c.AgentId != null && agentIds.Contains(c.AgentId.Value) && c.RevokedAt == null)
            .Select(c => new { AgentId = c.AgentId!.Value, c.NotAfter })
            .ToListAsync(cancellationToken);
        return live.GroupBy(c => c.AgentId).ToDictionary(g => g.Key, g => g.Max(c => c.NotAfter));
    }

    private AgentView ToView(Agent agent, Dictionary<Guid, DateTimeOffset> expiries)
        => new(agent.Id, agent.SiteId, agent.Name, agent.CreatedAt, expiries.TryGetValue(agent.Id, out var expiry) ? expiry : null, Health(agent.Id));

    private AgentHealthView? Health(Guid agentId)
    {
        if (!statuses.TryGet(agentId, out var entry))
        {
            return null;
        }

        var report = entry.Report;
        return new AgentHealthView(
            entry.IsOnline,
            entry.LastSeen,
            report.UptimeSeconds,
            report.PointsPerSecond,
            report.BufferDepth,
            report.DroppedPoints,
            report.Reason,
            report.Connections.Select(c => new ConnectionHealthView(c.Id, c.Protocol, c.State.ToString(), c.PointsPerSecond, c.LastError, c.LastErrorAt)).ToList());
    }

    /// <summary>The message without the " (Parameter 'x')" suffix <see cref="ArgumentException"/> appends.</summary>
    private static string WithoutParameter(ArgumentException e)
        => e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message;
}
