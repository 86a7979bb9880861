using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Monitoring;

/// <summary>
/// Stores alerts, de-duplicated (one open alert per rule and subject, with a count and a last-seen
/// time), and writes each new alert and each acknowledgement to the audit log in the same
/// transaction (<see cref="AuditLog.RunAuditedAsync{T}"/>, which also serializes writers across nodes).
/// </summary>
public sealed class AlertStore(IDbContextFactory<ProxusDbContext> contexts, AuditLog audit, TimeProvider timeProvider)
{
    private const int MaxDetailValueLength = 1000;

    /// <summary>
    /// Stores a candidate: a new alert (returned), or an occurrence counted on the open alert of the
    /// same rule and subject (null). A lasting condition (<see cref="AlertCandidate.EpisodeStart"/>)
    /// counts once per episode and raises nothing while an alert acknowledged during the episode covers it.
    /// </summary>
    public Task<Alert?> RaiseAsync(AlertCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var subject = AuditValue.Escape(candidate.Subject, Alert.MaxSubjectLength);
        var at = Timestamps.Truncate(candidate.At);
        return audit.RunAuditedAsync(
            async (db, token) =>
            {
                var open = await db.Alerts.SingleOrDefaultAsync(a => a.Rule == candidate.Rule && a.Subject == subject && a.State == AlertState.Open, token);
                if (open is not null)
                {
                    // A lasting condition seen again in the same episode only moves last-seen; a new
                    // episode, or any new occurrence of an event rule, counts on the open alert.
                    var sameEpisode = candidate.EpisodeStart is { } episode && open.LastSeen >= Timestamps.Truncate(episode);
                    open.Count += sameEpisode ? 0 : 1;
                    open.LastSeen = Max(open.LastSeen, at);
                    await db.SaveChangesAsync(token);
                    return new AuditedResult<Alert?>(null, []);
                }

                if (candidate.EpisodeStart is { } start
                    && await db.Alerts.AnyAsync(a => a.Rule == candidate.Rule && a.Subject == subject && a.LastSeen >= Timestamps.Truncate(start), token))
                {
                    // Acknowledged during this episode: the condition is known and raises nothing more.
                    return new AuditedResult<Alert?>(null, []);
                }

                var alert = new Alert
                {
                    Id = Guid.NewGuid(),
                    Rule = candidate.Rule,
                    Severity = candidate.Severity,
                    State = AlertState.Open,
                    Subject = subject,
                    Source = candidate.Source is null ? null : AuditValue.Escape(candidate.Source, Alert.MaxSourceLength),
                    Summary = AuditValue.Escape(candidate.Summary, Alert.MaxSummaryLength),
                    Details = SerializeDetails(candidate.Details),
                    Count = candidate.Occurrences,
                    FirstSeen = at,
                    LastSeen = at,
                };
                db.Alerts.Add(alert);
                await db.SaveChangesAsync(token);
                var data = new Dictionary<string, string?>
                {
                    ["alertId"] = alert.Id.ToString("D"),
                    ["rule"] = alert.Rule,
                    ["severity"] = alert.Severity.ToString(),
                    ["source"] = alert.Source,
                    ["summary"] = alert.Summary,
                };
                return new AuditedResult<Alert?>(alert, new AuditEvent(MonitoringAuditEventTypes.AlertRaised, "system", alert.Subject, data));
            },
            cancellationToken);
    }

    /// <summary>An administrator acknowledges an open alert with a comment (audited).</summary>
    public Task<(AcknowledgeOutcome Outcome, Alert? Alert)> AcknowledgeAsync(Guid id, string actor, string comment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (string.IsNullOrWhiteSpace(comment) || comment.Length > Alert.MaxCommentLength)
        {
            throw new ArgumentException($"A comment of 1..{Alert.MaxCommentLength} characters is required.", nameof(comment));
        }

        return audit.RunAuditedAsync(
            async (db, token) =>
            {
                var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == id, token);
                if (alert is null)
                {
                    return new AuditedResult<(AcknowledgeOutcome, Alert?)>((AcknowledgeOutcome.NotFound, null), []);
                }

                if (alert.State != AlertState.Open)
                {
                    return new AuditedResult<(AcknowledgeOutcome, Alert?)>((AcknowledgeOutcome.AlreadyAcknowledged, alert), []);
                }

                alert.State = AlertState.Acknowledged;
                alert.AcknowledgedAt = Timestamps.Now(timeProvider);
                alert.AcknowledgedBy = AuditValue.Escape(actor, Alert.MaxActorLength);
                alert.AcknowledgeComment = AuditValue.Escape(comment, Alert.MaxCommentLength);
                await db.SaveChangesAsync(token);
                var data = new Dictionary<string, string?> { ["alertId"] = alert.Id.ToString("D"), ["rule"] = alert.Rule, ["comment"] = alert.AcknowledgeComment };
                return new AuditedResult<(AcknowledgeOutcome, Alert?)>((AcknowledgeOutcome.Acknowledged, alert), new AuditEvent(MonitoringAuditEventTypes.AlertAcknowledged, actor, alert.Subject, data));
            },
            cancellationToken);
    }

    public async Task<Alert?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alerts = db.Alerts.AsNoTracking();
        if (query.State is { } state)
        {
            alerts = alerts.Where(a => a.State == state);
        }

        if (query.Severity is { } severity)
        {
            alerts = alerts.Where(a => a.Severity == severity);
        }

        if (query.Rule is { } rule)
        {
            alerts = alerts.Where(a => a.Rule == rule);
        }

        if (query.From is { } from)
        {
            alerts = alerts.Where(a => a.LastSeen >= from);
        }

        if (query.To is { } to)
        {
            alerts = alerts.Where(a => a.FirstSeen <= to);
        }

        return await alerts.OrderByDescending(a => a.LastSeen).ThenBy(a => a.Id)
            .Skip(query.Offset).Take(Math.Clamp(query.Limit, 1, AlertQuery.MaxLimit)).ToListAsync(cancellationToken);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static string SerializeDetails(IReadOnlyDictionary<string, string?>? details)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in (details ?? new Dictionary<string, string?>()).OrderBy(p => p.Key, StringComparer.Ordinal).Take(32))
            {
                writer.WriteString(AuditValue.Escape(key, 100), AuditValue.Escape(value, MaxDetailValueLength));
            }

            writer.WriteEndObject();
        }

        var json = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        return json.Length <= Alert.MaxDetailsLength ? json : "{\"truncated\":\"details exceeded " + Alert.MaxDetailsLength + " characters\"}";
    }
}
