using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Identity;
using Proxus.Server.Writes;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

internal sealed partial class ControlWrites
{
    /// <summary>The largest page <see cref="ListAsync"/> returns.</summary>
    internal const int MaxPageSize = 200;

    public async Task<WriteRequestPage> ListAsync(ClaimsPrincipal caller, WriteRequestFilter filter, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await authorization.RequireAsync(caller, IamPolicies.WritesRead);
        WriteState? state = null;
        if (!string.IsNullOrEmpty(filter.State))
        {
            if (!Enum.TryParse<WriteState>(filter.State, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw new PortalException($"The state is one of {string.Join(", ", States)}.");
            }

            state = parsed;
        }

        var requester = string.IsNullOrWhiteSpace(filter.Requester) ? null : filter.Requester.Trim();
        if (requester is { Length: > WriteRequest.MaxActorLength })
        {
            throw new PortalException($"A requester has at most {WriteRequest.MaxActorLength} characters.");
        }

        var query = new WriteRequestQuery
        {
            SiteId = filter.SiteId,
            State = state,
            RequestedBy = requester,
            From = filter.From,
            To = filter.To,
            VisibleSites = await access.VisibleSitesAsync(caller, cancellationToken),
        };
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requests = await WriteRequestService.Filter(db.WriteRequests.AsNoTracking(), query)
            .OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id)
            .Skip(Math.Max(0, filter.Offset)).Take(size + 1)
            .ToListAsync(cancellationToken);
        var siteIds = requests.Select(r => r.SiteId).Distinct().ToList();
        var names = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return new WriteRequestPage(
            requests.Take(size).Select(r => new WriteRequestSummaryView(
                r.Id, r.Tag, names.GetValueOrDefault(r.SiteId, string.Empty), r.Value, r.State.ToString(), r.RequestedBy, r.RequestedAt, r.Approvals, r.ApprovalsRequired, r.ReadBack, r.Error)).ToList(),
            requests.Count > size);
    }

    public async Task<WriteRequestDetailView?> GetAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.WritesRead);
        var request = await writes.GetAsync(id, cancellationToken);
        if (request is null || !await access.CanSeeAsync(caller, request.SiteId, cancellationToken))
        {
            return null;
        }

        var timeline = await writes.TimelineAsync(id, cancellationToken);
        var agentActor = $"agent:{request.AgentId:D}";
        string siteName, agentName;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            siteName = await db.Sites.AsNoTracking().Where(s => s.Id == request.SiteId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken) ?? string.Empty;
            agentName = await db.Agents.AsNoTracking().Where(a => a.Id == request.AgentId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) ?? string.Empty;
        }

        return new WriteRequestDetailView(
            request.Id,
            request.Tag,
            request.SiteId,
            siteName,
            request.AgentId,
            agentName,
            request.DataType,
            request.Value,
            request.Reason,
            request.RequestedBy,
            request.RequestedAt,
            request.NotBefore,
            request.NotAfter,
            request.ExpiresAt,
            request.Critical,
            request.Approvals,
            request.ApprovalsRequired,
            request.State.ToString(),
            IsFinal(request.State),
            request.DispatchedAt,
            request.CompletedAt,
            request.ReadBack,
            request.Error,
            timeline.Select(e => new WriteStepView(e.Sequence, e.Action, e.State.ToString(), e.Actor, e.At, e.Detail, e.Actor == agentActor ? new AgentReference(request.AgentId, agentName) : null)).ToList(),
            Decide(Caller(caller), request, timeline));
    }

    public Task ApproveAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken)
        => DecideAsync(caller, IamPolicies.WritesApprove, person => writes.ApproveAsync(id, person, cancellationToken));

    public Task RejectAsync(ClaimsPrincipal caller, Guid id, string? reason, CancellationToken cancellationToken)
        => DecideAsync(caller, IamPolicies.WritesApprove, person => writes.RejectAsync(id, reason?.Trim(), person, cancellationToken));

    public Task CancelAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken)
        => DecideAsync(caller, IamPolicies.WritesRequest, person => writes.CancelAsync(id, person, cancellationToken));

    /// <summary>
    /// What the caller may do with the request, by the service's own rules (which it checks again
    /// on every decision): approve or reject when they hold Approver, are not the requester, have
    /// not approved it yet, and it is still waiting; cancel when they requested it or are an Admin
    /// and it is not dispatched yet.
    /// </summary>
    internal WriteDecisionView Decide(WriteCaller person, WriteRequest request, IReadOnlyList<WriteRequestEvent> timeline)
    {
        var waiting = request.ExpiresAt > timeProvider.GetUtcNow();
        var mayCancel = (request.RequestedById == person.UserId || person.IsAdmin) && waiting && request.State is WriteState.Requested or WriteState.Approved;
        if (!person.MayApprove)
        {
            return new WriteDecisionView(false, null, mayCancel);
        }

        string? refusal = null;
        if (request.RequestedById == person.UserId)
        {
            refusal = "You requested this write. A request is approved or rejected by a different person holding Approver — never by its requester, even an Admin. You may cancel it instead.";
        }
        else if (request.State != WriteState.Requested || !waiting)
        {
            // Decided, dispatched or expired: there is nothing to approve, and nothing to explain.
            return new WriteDecisionView(false, null, mayCancel);
        }
        else if (timeline.Any(e => e.Action == "approval" && e.Actor == person.Actor))
        {
            refusal = "You gave the first approval of this critical tag; the second must come from another approver.";
        }

        return new WriteDecisionView(refusal is null, refusal, mayCancel);
    }

    private static bool IsFinal(WriteState state) => state is WriteState.Rejected or WriteState.Expired or WriteState.Cancelled or WriteState.Succeeded or WriteState.Failed;

    private async Task DecideAsync(ClaimsPrincipal caller, string policy, Func<WriteCaller, Task<WriteRequest>> decide)
    {
        await authorization.RequireAsync(caller, policy);
        try
        {
            await decide(Caller(caller));
        }
        catch (WriteRequestException e)
        {
            throw new PortalException(e.Message, e);
        }
    }
}
