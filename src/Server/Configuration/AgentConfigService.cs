using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Proxus.Server.Audit;
using Proxus.Server.Data;
using Proxus.Server.Monitoring;
using Proxus.Server.Pki;

namespace Proxus.Server.Configuration;

/// <summary>
/// The agent's side of signed configuration: the newest envelope, the reports of what the agent
/// runs, and the renewal of envelopes before they expire.
/// </summary>
public sealed partial class AgentConfigService(
    IDbContextFactory<ProxusDbContext> contexts,
    AuditLog audit,
    AgentConfigIssuer issuer,
    ConfigChangeNotifications notifications,
    IOptions<AgentConfigOptions> options,
    AgentConfigMetrics metrics,
    ISecurityEventSink monitoring,
    TimeProvider timeProvider,
    ILogger<AgentConfigService> logger)
{
    /// <summary>The newest version issued to the agent, or null when it has none.</summary>
    public async Task<long?> LatestVersionAsync(Guid agentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AgentConfigEnvelopes.AsNoTracking().Where(e => e.AgentId == agentId)
            .MaxAsync(e => (long?)e.Version, cancellationToken);
    }

    /// <summary>The newest envelope issued to the agent, or null when it has none.</summary>
    public async Task<AgentConfigEnvelope?> LatestAsync(Guid agentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AgentConfigEnvelopes.AsNoTracking().Where(e => e.AgentId == agentId)
            .OrderByDescending(e => e.Version).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>What the agent was issued and what it last reported.</summary>
    public async Task<AgentConfigSummary> GetSummaryAsync(Guid agentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        _ = await db.Agents.FindAsync([agentId], cancellationToken) ?? throw new KeyNotFoundException($"Agent {agentId:D} does not exist.");
        var latest = await db.AgentConfigEnvelopes.AsNoTracking().Where(e => e.AgentId == agentId)
            .OrderByDescending(e => e.Version).Select(e => new { e.Version, e.IssuedAt, e.ExpiresAt }).FirstOrDefaultAsync(cancellationToken);
        var state = await db.AgentConfigStates.AsNoTracking().SingleOrDefaultAsync(s => s.AgentId == agentId, cancellationToken);
        return new AgentConfigSummary(agentId, latest?.Version, latest?.IssuedAt, latest?.ExpiresAt, state?.AppliedVersion, state?.ReportedVersion, state?.Status, state?.Reason, state?.ReportedAt);
    }

    /// <summary>
    /// Records the agent's report about a version issued to it: applied (it runs that version now)
    /// or rejected (it keeps its previous one; the reason is audited). False when the agent was never
    /// issued that version. A recorded rejection is raised to security monitoring.
    /// </summary>
    public async Task<bool> ReportAsync(AgentIdentity agent, long version, AgentConfigReportStatus status, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (reason is { Length: > AgentConfigState.MaxReasonLength })
        {
            throw new ArgumentException($"A reason has at most {AgentConfigState.MaxReasonLength} characters.", nameof(reason));
        }

        var (recorded, applyDelay) = await audit.RunAuditedAsync(
            async (db, token) =>
            {
                var issued = await db.AgentConfigEnvelopes.AsNoTracking().Where(e => e.AgentId == agent.AgentId && e.Version == version)
                    .Select(e => new { e.IssuedAt }).SingleOrDefaultAsync(token);
                if (issued is null)
                {
                    return new AuditedResult<(bool, TimeSpan?)>((false, null), []);
                }

                var state = await db.AgentConfigStates.SingleOrDefaultAsync(s => s.AgentId == agent.AgentId, token);
                if (state is null)
                {
                    state = new AgentConfigState { AgentId = agent.AgentId };
                    db.AgentConfigStates.Add(state);
                }

                var now = Timestamps.Now(timeProvider);
                TimeSpan? firstApplied = null;
                if (status == AgentConfigReportStatus.Applied)
                {
                    firstApplied = state.AppliedVersion == version ? null : now - issued.IssuedAt;
                    state.AppliedVersion = version;
                }

                state.ReportedVersion = version;
                state.Status = status;
                state.Reason = string.IsNullOrEmpty(reason) ? null : reason;
                state.ReportedAt = now;
                await db.SaveChangesAsync(token);
                var type = status == AgentConfigReportStatus.Applied ? AuditEventTypes.AgentConfigApplied : AuditEventTypes.AgentConfigRejected;
                var data = new Dictionary<string, string?> { ["version"] = version.ToString(CultureInfo.InvariantCulture), ["certificate"] = agent.SerialNumber };
                if (state.Reason is not null)
                {
                    data["reason"] = state.Reason;
                }

                return new AuditedResult<(bool, TimeSpan?)>((true, firstApplied), new AuditEvent(type, $"agent:{agent.AgentId:D}", $"agent:{agent.AgentId:D}", data));
            },
            cancellationToken);
        if (recorded)
        {
            metrics.Reported(status, reason);
        }

        if (applyDelay is { } delay)
        {
            metrics.Applied(delay);
        }

        if (recorded && status == AgentConfigReportStatus.Rejected)
        {
            var details = new Dictionary<string, string?> { ["version"] = version.ToString(CultureInfo.InvariantCulture), ["reason"] = reason, ["certificate"] = agent.SerialNumber };
            monitoring.Raise(new SecurityEvent(SecurityEventType.ConfigurationRejected, $"agent:{agent.AgentId:D}", Details: details));
        }

        return recorded;
    }

    /// <summary>
    /// Issues envelopes to every agent of a site with a tag map that has none (an agent added after
    /// the site's newest version) or whose newest is due for renewal.
    /// </summary>
    /// <returns>The envelopes issued.</returns>
    public async Task<IReadOnlyList<IssuedAgentConfig>> RenewDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> sites;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var renewBefore = Timestamps.Now(timeProvider) + options.Value.RenewalThreshold;
            sites = await db.Agents.AsNoTracking()
                .Where(a => a.DeletedAt == null && db.TagMapVersions.Any(v => v.SiteId == a.SiteId)
                    && !db.AgentConfigEnvelopes.Any(e => e.AgentId == a.Id && e.ExpiresAt > renewBefore))
                .Select(a => a.SiteId).Distinct().ToListAsync(cancellationToken);
        }

        var issued = new List<IssuedAgentConfig>();
        foreach (var siteId in sites)
        {
            issued.AddRange(await IssueForSiteAsync(siteId, "system", cancellationToken));
        }

        return issued;
    }

    /// <summary>
    /// Gives a new or just enrolled agent its configuration at once, as a tag-map publish would:
    /// when its site has a tag map, every agent of the site without a current envelope gets one and
    /// is notified. Never throws for a failure to issue (the agent exists and its certificate is
    /// committed by then): it is logged, and the periodic check issues the envelope later.
    /// </summary>
    /// <returns>The envelopes issued (none when the site has no tag map or all are current).</returns>
    public async Task<IReadOnlyList<IssuedAgentConfig>> IssueForJoiningAgentAsync(Guid agentId, Guid siteId, string actor, CancellationToken cancellationToken)
    {
        try
        {
            return await IssueForSiteAsync(siteId, actor, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogJoiningAgentIssueFailed(logger, e, agentId);
            return [];
        }
    }

    private async Task<IReadOnlyList<IssuedAgentConfig>> IssueForSiteAsync(Guid siteId, string actor, CancellationToken cancellationToken)
    {
        var configs = await audit.RunAuditedAsync(
            async (db, token) =>
            {
                var current = await db.TagMapVersions.AsNoTracking().Where(v => v.SiteId == siteId).OrderByDescending(v => v.Version).FirstOrDefaultAsync(token);
                if (current is null)
                {
                    return new AuditedResult<List<IssuedAgentConfig>>([], []);
                }

                var ns = await db.SiteNamespaces.AsNoTracking().SingleAsync(n => n.SiteId == siteId, token);
                var map = TagMapService.ParseStored(current, ns.ToModel());
                var (configs, events) = await issuer.IssueAsync(db, map, current, actor, token);
                await db.SaveChangesAsync(token);
                return new AuditedResult<List<IssuedAgentConfig>>(configs, events);
            },
            cancellationToken);
        await notifications.NotifyAsync(configs, cancellationToken);
        return configs;
    }

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Issuing the configuration of new agent {AgentId} failed; the periodic check issues it later")]
    private static partial void LogJoiningAgentIssueFailed(ILogger logger, Exception exception, Guid agentId);
}
