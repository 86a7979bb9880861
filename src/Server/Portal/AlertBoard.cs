using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Api;
using Proxus.Server.Data;
using Proxus.Server.Identity;
using Proxus.Server.Monitoring;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

/// <summary>
/// The portal's alerts over <see cref="AlertStore"/> (acknowledgement, audited there) and the
/// <c>alerts</c> table with the filters of <c>GET /api/v1/alerts</c> plus a site or an agent
/// (alerts whose subject is <c>agent:{id}</c>).
/// </summary>
internal sealed class AlertBoard(
    IDbContextFactory<ProxusDbContext> contexts,
    AlertStore store,
    IAuthorizationService policies,
    PortalAuthorization authorization) : IAlertBoard
{
    /// <summary>The largest page <see cref="QueryAsync"/> returns.</summary>
    internal const int MaxPageSize = AlertQuery.MaxLimit;

    public IReadOnlyList<string> Rules => AlertRules.All;

    public IReadOnlyList<string> Severities { get; } = Enum.GetNames<AlertSeverity>();

    public IReadOnlyList<string> States { get; } = Enum.GetNames<AlertState>();

    public int MaxCommentLength => Alert.MaxCommentLength;

    public async Task<AlertPage> QueryAsync(ClaimsPrincipal caller, AlertFilter filter, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await authorization.RequireAsync(caller, IamPolicies.AuditRead);
        var errors = new List<string>();
        var state = Parse<AlertState>(filter.State, "state", errors);
        var severity = Parse<AlertSeverity>(filter.Severity, "severity", errors);
        var rule = string.IsNullOrEmpty(filter.Rule) ? null : filter.Rule;
        if (rule is not null && !AlertRules.All.Contains(rule, StringComparer.Ordinal))
        {
            errors.Add($"The rule is one of {string.Join(", ", AlertRules.All)}.");
        }

        if (errors.Count > 0)
        {
            throw new PortalException(errors[0], errors);
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alerts = db.Alerts.AsNoTracking();
        if (state is { } s)
        {
            alerts = alerts.Where(a => a.State == s);
        }

        if (severity is { } v)
        {
            alerts = alerts.Where(a => a.Severity == v);
        }

        if (rule is not null)
        {
            alerts = alerts.Where(a => a.Rule == rule);
        }

        if (filter.From is { } from)
        {
            alerts = alerts.Where(a => a.LastSeen >= from);
        }

        if (filter.To is { } to)
        {
            alerts = alerts.Where(a => a.FirstSeen <= to);
        }

        if (await SubjectsAsync(db, filter, cancellationToken) is { } subjects)
        {
            alerts = alerts.Where(a => subjects.Contains(a.Subject));
        }

        var page = await alerts.OrderByDescending(a => a.LastSeen).ThenBy(a => a.Id)
            .Skip(Math.Max(0, filter.Offset)).Take(size + 1).ToListAsync(cancellationToken);
        var shown = page.Take(size).ToList();
        var names = await AgentNamesAsync(db, shown, cancellationToken);
        return new AlertPage(shown.Select(a => ToView(a, names)).ToList(), page.Count > size);
    }

    public async Task<AlertView?> GetAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.AuditRead);
        if (await store.GetAsync(id, cancellationToken) is not { } alert)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return ToView(alert, await AgentNamesAsync(db, [alert], cancellationToken));
    }

    public async Task<int?> CountOpenAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!(await policies.AuthorizeAsync(caller, IamPolicies.AuditRead)).Succeeded)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Alerts.CountAsync(a => a.State == AlertState.Open, cancellationToken);
    }

    public async Task AcknowledgeAsync(ClaimsPrincipal caller, Guid id, string? comment, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        var text = comment?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > Alert.MaxCommentLength)
        {
            throw new PortalException($"Say why: a comment of 1 to {Alert.MaxCommentLength} characters is required.");
        }

        var (outcome, alert) = await store.AcknowledgeAsync(id, ApiPrincipal.Actor(caller), text, cancellationToken);
        switch (outcome)
        {
            case AcknowledgeOutcome.NotFound:
                throw new PortalException("The alert does not exist.");
            case AcknowledgeOutcome.AlreadyAcknowledged:
                throw new PortalException($"The alert was already acknowledged by {alert!.AcknowledgedBy}; the first acknowledgement is kept.");
        }
    }

    /// <summary>The subjects of the chosen agent, or of the chosen site's agents; null when neither is chosen.</summary>
    private static async Task<List<string>?> SubjectsAsync(ProxusDbContext db, AlertFilter filter, CancellationToken cancellationToken)
    {
        if (filter.AgentId is { } agent)
        {
            return [Subject(agent)];
        }

        if (filter.SiteId is not { } site)
        {
            return null;
        }

        var agents = await db.Agents.AsNoTracking().Where(a => a.SiteId == site).Select(a => a.Id).ToListAsync(cancellationToken);
        return agents.Select(Subject).ToList();
    }

    private const string AgentSubjectPrefix = "agent:";

    private static string Subject(Guid agentId) => $"{AgentSubjectPrefix}{agentId:D}";

    /// <summary>The names of the agents the alerts are about (subject <c>agent:{id}</c>), deleted ones included.</summary>
    private static async Task<Dictionary<Guid, string>> AgentNamesAsync(ProxusDbContext db, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var ids = alerts.Select(a => AgentOf(a.Subject)).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Agents.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
    }

    private static Guid? AgentOf(string subject)
        => subject.StartsWith(AgentSubjectPrefix, StringComparison.Ordinal) && Guid.TryParseExact(subject.AsSpan(AgentSubjectPrefix.Length), "D", out var id) ? id : null;

    private static AlertView ToView(Alert alert, Dictionary<Guid, string> agentNames)
    {
        var agent = AgentOf(alert.Subject) is { } id && agentNames.TryGetValue(id, out var name) ? new AgentReference(id, name) : null;
        var summary = agent is null ? alert.Summary : alert.Summary.Replace(alert.Subject, "agent " + agent.Name, StringComparison.Ordinal);
        return new(
            alert.Id, alert.Rule, alert.Severity.ToString(), alert.State.ToString(), alert.Subject, alert.Source, summary,
            AlertMessages.Details(alert), alert.Count, alert.FirstSeen, alert.LastSeen, alert.AcknowledgedAt, alert.AcknowledgedBy, alert.AcknowledgeComment, agent);
    }

    private static T? Parse<T>(string? value, string name, List<string> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (char.IsLetter(value[0]) && Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors.Add($"The {name} is one of {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }
}
