using Microsoft.EntityFrameworkCore;
using Proxus.Core.Commands;
using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Writes;

public sealed partial class WriteRequestService
{
    private const string System = "system";

    /// <summary>
    /// One pass of the dispatcher: expires requests past their expiry, dispatches approved requests
    /// whose window is open, and times out dispatched commands with no result past their expiry
    /// (plus the agents' clock-skew allowance).
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = Timestamps.Now(timeProvider);
        var timeoutBefore = now - options.Value.AgentClockSkew;
        List<(Guid Id, WriteState State)> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = (await db.WriteRequests.AsNoTracking()
                .Where(r => ((r.State == WriteState.Requested || r.State == WriteState.Approved) && r.ExpiresAt <= now)
                    || (r.State == WriteState.Approved && (r.NotBefore == null || r.NotBefore <= now))
                    || (r.State == WriteState.Dispatched && r.CommandExpiresAt <= timeoutBefore))
                .OrderBy(r => r.RequestedAt).Select(r => new { r.Id, r.State }).Take(500).ToListAsync(cancellationToken))
                .Select(r => (r.Id, r.State)).ToList();
            if (metrics.InFlightObserved)
            {
                var counts = await db.WriteRequests.AsNoTracking()
                    .Where(r => r.State == WriteState.Requested || r.State == WriteState.Approved || r.State == WriteState.Dispatched)
                    .GroupBy(r => r.State).Select(g => new { State = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
                metrics.SetInFlight(counts.ToDictionary(c => c.State, c => c.Count));
            }
        }

        foreach (var (id, state) in due)
        {
            try
            {
                if (state == WriteState.Dispatched)
                {
                    if (await TransitionBySystemAsync(id, WriteState.Dispatched, WriteState.TimedOut, "timed-out", "no result before the command expired", WriteAuditEventTypes.TimedOut, cancellationToken))
                    {
                        metrics.TimedOut();
                    }
                }
                else if (await TransitionBySystemAsync(id, state, WriteState.Expired, "expired", null, WriteAuditEventTypes.Expired, cancellationToken, onlyIfExpired: true))
                {
                    metrics.Closed(WriteState.Expired);
                    if (state == WriteState.Approved && await GetAsync(id, cancellationToken) is { } expired)
                    {
                        // Approved, but its window closed before it could be dispatched: never sent.
                        RaiseOutsideWindow(expired, System, "dispatch", Timestamps.Now(timeProvider));
                    }
                }
                else if (state == WriteState.Approved)
                {
                    await DispatchAsync(id, cancellationToken);
                }
            }
            catch (WriteRequestException e)
            {
                LogSweepSkipped(logger, id, e.Message);
            }
        }
    }

    /// <summary>
    /// Records an agent's result for the command it answers; idempotent, so redeliveries change
    /// nothing. A result saying the agent refused the command (signature, expiry, replay, limits,
    /// diode mode) is raised to security monitoring as <c>CommandRejected</c> once recorded.
    /// </summary>
    public async Task<WriteResultOutcome> RecordResultAsync(Guid agentId, WriteResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (outcome, request, at) = await RecordAsync(agentId, result, cancellationToken);
        if (outcome is WriteResultOutcome.Recorded or WriteResultOutcome.Reconciled)
        {
            metrics.Completed(request!, result.Outcome, late: outcome == WriteResultOutcome.Reconciled, at);
        }

        if (result.Outcome == WriteOutcome.Refused && outcome is WriteResultOutcome.Recorded or WriteResultOutcome.Reconciled)
        {
            monitoring.Raise(new Monitoring.SecurityEvent(
                Monitoring.SecurityEventType.CommandRejected,
                $"agent:{agentId:D}",
                Details: new Dictionary<string, string?> { ["requestId"] = result.RequestId.ToString("D"), ["reason"] = result.Refusal.ToString(), ["error"] = result.Error }));
        }

        return outcome;
    }

    /// <summary>Records the result; returns what happened and, when it was recorded, the request and the server time it was.</summary>
    private Task<(WriteResultOutcome Outcome, WriteRequest? Request, DateTimeOffset At)> RecordAsync(Guid agentId, WriteResult result, CancellationToken cancellationToken)
    {
        return audit.RunAuditedAsync(
            async (db, token) =>
            {
                var request = await db.WriteRequests.SingleOrDefaultAsync(r => r.Id == result.RequestId, token);
                var actor = $"agent:{agentId:D}";
                if (request is null || request.AgentId != agentId || result.AgentId != agentId.ToString("D") || request.Nonce != result.Nonce)
                {
                    var data = new Dictionary<string, string?> { ["request"] = result.RequestId.ToString("D"), ["outcome"] = result.Outcome.ToString(), ["refusal"] = result.Refusal.ToString(), ["error"] = result.Error };
                    return new AuditedResult<(WriteResultOutcome, WriteRequest?, DateTimeOffset)>((WriteResultOutcome.Rejected, null, default), new AuditEvent(WriteAuditEventTypes.ResultRejected, actor, $"write:{result.RequestId:D}", data));
                }

                if (request.State is not (WriteState.Dispatched or WriteState.TimedOut))
                {
                    return new AuditedResult<(WriteResultOutcome, WriteRequest?, DateTimeOffset)>((WriteResultOutcome.Duplicate, null, default), []);
                }

                var late = request.State == WriteState.TimedOut;
                var succeeded = result.Outcome == WriteOutcome.Succeeded;
                request.State = succeeded ? WriteState.Succeeded : WriteState.Failed;
                request.CompletedAt = Timestamps.Truncate(result.CompletedAt);
                request.ReadBack = result.ReadBack;
                request.Error = result.Outcome == WriteOutcome.Refused ? $"refused by the agent ({result.Refusal}): {result.Error}" : result.Error;
                if (request.Error is { Length: > WriteRequest.MaxErrorLength })
                {
                    request.Error = request.Error[..WriteRequest.MaxErrorLength];
                }

                var detail = succeeded ? $"read back {result.ReadBack}" : request.Error;
                var type = late ? WriteAuditEventTypes.Reconciled : succeeded ? WriteAuditEventTypes.Succeeded : WriteAuditEventTypes.Failed;
                var action = late ? "reconciled" : succeeded ? "succeeded" : "failed";
                var now = Timestamps.Now(timeProvider);
                var step = await StepAsync(db, request, action, actor, now, detail, type, token);
                await SaveTransitionAsync(db, token);
                return new AuditedResult<(WriteResultOutcome, WriteRequest?, DateTimeOffset)>((late ? WriteResultOutcome.Reconciled : WriteResultOutcome.Recorded, request, now), step);
            },
            cancellationToken);
    }

    private async Task<bool> TransitionBySystemAsync(Guid id, WriteState from, WriteState to, string action, string? detail, string auditType, CancellationToken cancellationToken, bool onlyIfExpired = false)
        => await audit.RunAuditedAsync(
            async (db, token) =>
            {
                var request = await LoadAsync(db, id, token);
                var now = Timestamps.Now(timeProvider);
                if (request.State != from || (onlyIfExpired && request.ExpiresAt > now))
                {
                    return new AuditedResult<bool>(false, []);
                }

                request.State = to;
                request.CompletedAt = now;
                var step = await StepAsync(db, request, action, System, now, detail, auditType, token);
                await SaveTransitionAsync(db, token);
                return new AuditedResult<bool>(true, step);
            },
            cancellationToken);

    /// <summary>
    /// Signs the command and commits Approved -> Dispatched with its nonce first, then publishes:
    /// a crash in between leaves a dispatched request that times out, never a second execution.
    /// </summary>
    private async Task DispatchAsync(Guid id, CancellationToken cancellationToken)
    {
        var envelope = await audit.RunAuditedAsync(
            async (db, token) =>
            {
                var request = await LoadAsync(db, id, token);
                var now = Timestamps.Now(timeProvider);
                if (request.State != WriteState.Approved || request.NotBefore > now || request.ExpiresAt <= now)
                {
                    return new AuditedResult<byte[]?>(null, []);
                }

                var issuedAt = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                var expiresAt = issuedAt + options.Value.CommandLifetime;
                var command = new WriteCommand(
                    request.Id,
                    request.AgentId.ToString("D"),
                    Core.Uns.UnsPath.Parse(request.Tag),
                    Enum.Parse<Core.Model.DataType>(request.DataType),
                    request.Value,
                    CommandSigner.NewNonce(),
                    issuedAt,
                    expiresAt);
                var bytes = new CommandSigner(authority.CommandSigningKey).Sign(command);
                request.State = WriteState.Dispatched;
                request.Nonce = command.Nonce;
                request.DispatchedAt = now;
                request.CommandExpiresAt = expiresAt;
                var step = await StepAsync(db, request, "dispatched", System, now, $"nonce {command.Nonce}, expires {Timestamps.ForPeople(expiresAt)}", WriteAuditEventTypes.Dispatched, token);
                step = step with { Data = new Dictionary<string, string?>(step.Data!) { ["nonce"] = command.Nonce, ["keyId"] = ConfigurationKeyId(), ["commandSha256"] = Convert.ToHexStringLower(global::System.Security.Cryptography.SHA256.HashData(bytes)) } };
                await SaveTransitionAsync(db, token);
                return new AuditedResult<byte[]?>(bytes, step);
            },
            cancellationToken);
        if (envelope is null)
        {
            return;
        }

        metrics.Dispatched();

        var request = await GetAsync(id, cancellationToken);
        if (!publisher.Publish(request!.AgentId, envelope))
        {
            LogNoSubscriber(logger, id, request.AgentId);
        }
    }

    private string ConfigurationKeyId() => Core.Configuration.ConfigSigningKey.KeyIdOf(authority.CommandSigningKey);

    [LoggerMessage(EventId = 9000, Level = LogLevel.Warning, Message = "Write request {RequestId} dispatched, but agent {AgentId} has no session subscribed to its command topic; it times out unless the agent connects in time")]
    private static partial void LogNoSubscriber(ILogger logger, Guid requestId, Guid agentId);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Debug, Message = "Write request {RequestId} skipped by the sweep: {Reason}")]
    private static partial void LogSweepSkipped(ILogger logger, Guid requestId, string reason);
}
