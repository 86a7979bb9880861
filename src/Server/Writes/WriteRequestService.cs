using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Proxus.Core.Commands;
using Proxus.Core.Model;
using Proxus.Core.Uns;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Identity;

namespace Proxus.Server.Writes;

/// <summary>
/// The write-request state machine (docs/writes.md). Every transition runs in one audited
/// transaction: the conditional update of the request (its <see cref="WriteRequest.Version"/> must
/// be unchanged), a timeline step and an audit entry commit together or not at all.
/// </summary>
public sealed partial class WriteRequestService(
    IDbContextFactory<ProxusDbContext> contexts,
    AuditLog audit,
    ICommandPublisher publisher,
    Pki.CertificateAuthority authority,
    IOptions<WriteOptions> options,
    Monitoring.ISecurityEventSink monitoring,
    WriteMetrics metrics,
    TimeProvider timeProvider,
    ILogger<WriteRequestService> logger)
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Creates a request after the server-side checks; throws <see cref="WriteRequestException"/> when one fails.</summary>
    /// <param name="input">What is asked for.</param>
    /// <param name="caller">Who asks.</param>
    /// <param name="visibleSites">The sites the caller may see (<see cref="SiteAccess.VisibleSitesAsync"/>), null for every site.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<WriteRequest> CreateAsync(CreateWriteRequest input, WriteCaller caller, IReadOnlySet<Guid>? visibleSites, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.MayRequest)
        {
            throw new WriteRequestException(WriteErrorKind.Forbidden, "Requesting a write needs the OtEngineer or Admin role.");
        }

        if (!UnsPath.TryParse(input.Tag, out var path, out var pathError))
        {
            throw new WriteRequestException(WriteErrorKind.Invalid, "tag: " + pathError.Message);
        }

        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > WriteRequest.MaxReasonLength)
        {
            throw new WriteRequestException(WriteErrorKind.Invalid, $"reason: a reason of 1..{WriteRequest.MaxReasonLength} characters is required.");
        }

        var now = Timestamps.Now(timeProvider);
        var (notBefore, notAfter) = (input.NotBefore is { } from ? Timestamps.Truncate(from) : (DateTimeOffset?)null, input.NotAfter is { } to ? Timestamps.Truncate(to) : (DateTimeOffset?)null);
        if (notAfter is { } end && (end <= now || end <= notBefore || end - now > TimeSpan.FromDays(30)))
        {
            throw new WriteRequestException(WriteErrorKind.Invalid, "notAfter: the window ends in the future, after notBefore, within 30 days.");
        }

        var target = await ResolveAsync(path, caller, visibleSites, cancellationToken);
        var type = CommandValue.ValueTypeOf(target.Tag);
        if (!CommandValue.TryNormalize(type, input.Value, out var value, out var valueError))
        {
            throw new WriteRequestException(WriteErrorKind.Invalid, "value: " + valueError);
        }

        if (CommandValue.CheckLimits(target.Tag, value) is { } limits)
        {
            throw new WriteRequestException(WriteErrorKind.Invalid, "value: " + limits);
        }

        var request = new WriteRequest
        {
            Id = Guid.NewGuid(),
            SiteId = target.SiteId,
            AgentId = target.AgentId,
            Tag = path.Value,
            DataType = type.ToString(),
            Value = value,
            Reason = input.Reason,
            TagMapVersion = target.TagMapVersion,
            RequestedById = caller.UserId,
            RequestedBy = caller.Actor,
            RequestedAt = now,
            NotBefore = notBefore,
            NotAfter = notAfter,
            ExpiresAt = notAfter ?? now + options.Value.RequestLifetime,
            Critical = target.Tag.Critical,
            ApprovalsRequired = target.Tag.Critical ? 2 : 1,
            State = WriteState.Requested,
            UpdatedAt = now,
        };
        var created = await audit.RunAuditedAsync(
            async (db, token) =>
            {
                db.WriteRequests.Add(request);
                var step = await StepAsync(db, request, "requested", caller.Actor, now, request.Reason, WriteAuditEventTypes.Requested, token);
                await db.SaveChangesAsync(token);
                return new AuditedResult<WriteRequest>(request, step);
            },
            cancellationToken);
        metrics.Created();
        return created;
    }

    /// <summary>Wakes the dispatcher (after an approval) instead of waiting for the next sweep.</summary>
    internal void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    internal Task WaitForWakeAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    private async Task<WriteTarget> ResolveAsync(UnsPath path, WriteCaller caller, IReadOnlySet<Guid>? visibleSites, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ns = await db.SiteNamespaces.AsNoTracking().SingleOrDefaultAsync(n => n.Enterprise == path.Enterprise && n.Name == path.Site, cancellationToken);
        if (ns is null || visibleSites?.Contains(ns.SiteId) == false)
        {
            throw new WriteRequestException(WriteErrorKind.NotFound, $"No site visible to {caller.Actor} has the tag {path}.");
        }

        if (!await db.SiteWriteSettings.AnyAsync(s => s.SiteId == ns.SiteId && s.WritesEnabled, cancellationToken))
        {
            throw new WriteRequestException(WriteErrorKind.Invalid, $"The site {ns.Enterprise}/{ns.Name} is read-only (diode mode): writes are not enabled for it.");
        }

        var current = await db.TagMapVersions.AsNoTracking().Where(v => v.SiteId == ns.SiteId).OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken)
            ?? throw new WriteRequestException(WriteErrorKind.NotFound, $"The site {ns.Enterprise}/{ns.Name} has no tag map.");
        var map = TagMapService.ParseStored(current, ns.ToModel());
        var tag = map.Tags.FirstOrDefault(t => t.Path.Equals(path)) ?? throw new WriteRequestException(WriteErrorKind.NotFound, $"The current tag map has no tag {path}.");
        if (!tag.Writable)
        {
            throw new WriteRequestException(WriteErrorKind.Invalid, $"The tag {path} is not writable in the current tag map (version {current.Version}).");
        }

        if (!CommandValue.IsWritable(tag.DataType))
        {
            throw new WriteRequestException(WriteErrorKind.Invalid, $"{tag.DataType} tags are not writable.");
        }

        var connection = map.Connections.Single(c => string.Equals(c.Id, tag.Connection, StringComparison.OrdinalIgnoreCase));
        var agents = await db.Agents.AsNoTracking().Where(a => a.SiteId == ns.SiteId && a.DeletedAt == null).ToListAsync(cancellationToken);
        var agent = agents.FirstOrDefault(a => string.Equals(a.Name, connection.Agent, StringComparison.OrdinalIgnoreCase))
            ?? throw new WriteRequestException(WriteErrorKind.Invalid, $"The tag's connection belongs to agent '{connection.Agent}', which the site does not have.");
        return new WriteTarget(ns.SiteId, agent.Id, tag, current.Version);
    }

    /// <summary>Records a timeline step on a tracked request (bumping its version) and returns the audit event for it.</summary>
    private static async Task<AuditEvent> StepAsync(ProxusDbContext db, WriteRequest request, string action, string actor, DateTimeOffset at, string? detail, string auditType, CancellationToken cancellationToken)
    {
        // Steps already added in this transaction are not in the database yet.
        var pending = db.ChangeTracker.Entries<WriteRequestEvent>().Count(e => e.State == EntityState.Added && e.Entity.RequestId == request.Id);
        var sequence = await db.WriteRequestEvents.CountAsync(e => e.RequestId == request.Id, cancellationToken) + pending + 1;
        request.Version++;
        request.UpdatedAt = at;
        var cappedDetail = detail is { Length: > WriteRequestEvent.MaxDetailLength } ? detail[..WriteRequestEvent.MaxDetailLength] : detail;
        db.WriteRequestEvents.Add(new WriteRequestEvent
        {
            Id = Guid.NewGuid(),
            RequestId = request.Id,
            Sequence = sequence,
            Action = action,
            State = request.State,
            Actor = actor,
            At = at,
            Detail = cappedDetail,
        });
        var data = new Dictionary<string, string?>
        {
            ["step"] = sequence.ToString(CultureInfo.InvariantCulture),
            ["state"] = request.State.ToString(),
            ["site"] = request.SiteId.ToString("D"),
            ["agent"] = request.AgentId.ToString("D"),
            ["tag"] = request.Tag,
            ["value"] = request.Value,
        };
        if (cappedDetail is not null)
        {
            data["detail"] = cappedDetail;
        }

        return new AuditEvent(auditType, actor, $"write:{request.Id:D}", data);
    }

    /// <summary>Saves a transition; a concurrent change of the same request makes it a conflict and nothing is saved.</summary>
    private static async Task SaveTransitionAsync(ProxusDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new WriteRequestException(WriteErrorKind.Conflict, "The request changed concurrently; nothing was changed. Reload it and retry.");
        }
    }

    private static async Task<WriteRequest> LoadAsync(ProxusDbContext db, Guid id, CancellationToken cancellationToken)
        => await db.WriteRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new WriteRequestException(WriteErrorKind.NotFound, $"Write request {id:D} does not exist.");

    private sealed record WriteTarget(Guid SiteId, Guid AgentId, Tag Tag, int TagMapVersion);
}
