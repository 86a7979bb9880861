using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Writes;

public sealed partial class WriteRequestService
{
    /// <summary>
    /// Records an approval by a person holding Approver who is not the requester (refused with 403
    /// even for an Admin) and has not approved this request yet. The request becomes Approved when
    /// it has all its approvals (two for a critical tag).
    /// </summary>
    public async Task<WriteRequest> ApproveAsync(Guid id, WriteCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.MayApprove)
        {
            throw new WriteRequestException(WriteErrorKind.Forbidden, "Approving needs the Approver role.");
        }

        var approved = await audit.RunAuditedAsync(
            async (db, token) =>
            {
                var request = await LoadAsync(db, id, token);
                if (request.RequestedById == caller.UserId)
                {
                    throw new WriteRequestException(WriteErrorKind.Forbidden, "A request cannot be approved by its own requester.");
                }

                var now = Timestamps.Now(timeProvider);
                // Past its window: still Requested, or already expired by the sweep.
                if (request.State is WriteState.Requested or WriteState.Expired && request.ExpiresAt <= now)
                {
                    RaiseOutsideWindow(request, caller.Actor, "approval", now);
                }

                RequireState(request, now, WriteState.Requested);
                if (await db.WriteRequestEvents.AnyAsync(e => e.RequestId == id && e.Action == "approval" && e.Actor == caller.Actor, token))
                {
                    throw new WriteRequestException(WriteErrorKind.Forbidden, "The second approval of a critical tag must come from another approver.");
                }

                request.Approvals++;
                var events = new List<AuditEvent> { await StepAsync(db, request, "approval", caller.Actor, now, $"approval {request.Approvals} of {request.ApprovalsRequired}", WriteAuditEventTypes.ApprovalRecorded, token) };
                if (request.Approvals >= request.ApprovalsRequired)
                {
                    request.State = WriteState.Approved;
                    events.Add(await StepAsync(db, request, "approved", caller.Actor, now, null, WriteAuditEventTypes.Approved, token));
                }

                await SaveTransitionAsync(db, token);
                return new AuditedResult<WriteRequest>(request, events);
            },
            cancellationToken);
        if (approved.State == WriteState.Approved)
        {
            metrics.Approved();
            Wake();
        }

        return approved;
    }

    /// <summary>Rejects a requested write with a reason; an approver other than the requester.</summary>
    public async Task<WriteRequest> RejectAsync(Guid id, string? reason, WriteCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.MayApprove)
        {
            throw new WriteRequestException(WriteErrorKind.Forbidden, "Rejecting needs the Approver role.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > WriteRequest.MaxReasonLength)
        {
            throw new WriteRequestException(WriteErrorKind.Invalid, $"reason: a reason of 1..{WriteRequest.MaxReasonLength} characters is required.");
        }

        var rejected = await audit.RunAuditedAsync(
            async (db, token) =>
            {
                var request = await LoadAsync(db, id, token);
                if (request.RequestedById == caller.UserId)
                {
                    throw new WriteRequestException(WriteErrorKind.Forbidden, "A requester withdraws their own request with cancel, not reject.");
                }

                var now = Timestamps.Now(timeProvider);
                RequireState(request, now, WriteState.Requested);
                request.State = WriteState.Rejected;
                request.CompletedAt = now;
                var step = await StepAsync(db, request, "rejected", caller.Actor, now, reason, WriteAuditEventTypes.Rejected, token);
                await SaveTransitionAsync(db, token);
                return new AuditedResult<WriteRequest>(request, step);
            },
            cancellationToken);
        metrics.Rejected();
        return rejected;
    }

    /// <summary>Withdraws a request before it is dispatched: its requester, or an Admin.</summary>
    public async Task<WriteRequest> CancelAsync(Guid id, WriteCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var cancelled = await audit.RunAuditedAsync(
            async (db, token) =>
            {
                var request = await LoadAsync(db, id, token);
                if (request.RequestedById != caller.UserId && !caller.IsAdmin)
                {
                    throw new WriteRequestException(WriteErrorKind.Forbidden, "Only the requester or an Admin cancels a request.");
                }

                var now = Timestamps.Now(timeProvider);
                RequireState(request, now, WriteState.Requested, WriteState.Approved);
                request.State = WriteState.Cancelled;
                request.CompletedAt = now;
                var step = await StepAsync(db, request, "cancelled", caller.Actor, now, null, WriteAuditEventTypes.Cancelled, token);
                await SaveTransitionAsync(db, token);
                return new AuditedResult<WriteRequest>(request, step);
            },
            cancellationToken);
        metrics.Closed(WriteState.Cancelled);
        return cancelled;
    }

    /// <summary>A request approved or due for dispatch after its execution window closed: refused, and raised to security monitoring.</summary>
    private void RaiseOutsideWindow(WriteRequest request, string actor, string step, DateTimeOffset at) => monitoring.Raise(new Monitoring.SecurityEvent(
        Monitoring.SecurityEventType.WriteOutsideWindow,
        $"write-request:{request.Id:D}",
        Source: request.RequestedBy,
        Details: new Dictionary<string, string?>
        {
            ["agentId"] = request.AgentId.ToString("D"),
            ["tag"] = request.Tag,
            ["step"] = step,
            ["actor"] = actor,
            ["window"] = $"{request.NotBefore?.ToString("O", global::System.Globalization.CultureInfo.InvariantCulture) ?? "-"} .. {request.ExpiresAt.ToString("O", global::System.Globalization.CultureInfo.InvariantCulture)}",
            ["at"] = at.ToString("O", global::System.Globalization.CultureInfo.InvariantCulture),
        }));

    private static void RequireState(WriteRequest request, DateTimeOffset now, params WriteState[] allowed)
    {
        if (!allowed.Contains(request.State))
        {
            throw new WriteRequestException(WriteErrorKind.Conflict, $"The request is {request.State}; this needs {string.Join(" or ", allowed)}.");
        }

        if (request.ExpiresAt <= now)
        {
            throw new WriteRequestException(WriteErrorKind.Conflict, "The request has expired.");
        }
    }
}
