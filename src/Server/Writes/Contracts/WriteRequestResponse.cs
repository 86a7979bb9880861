namespace Proxus.Server.Writes.Contracts;

/// <summary>A write request as the API shows it, with its timeline when one is asked for.</summary>
public sealed record WriteRequestResponse(
    Guid Id,
    Guid SiteId,
    Guid AgentId,
    string Tag,
    string DataType,
    string Value,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    DateTimeOffset ExpiresAt,
    bool Critical,
    int ApprovalsRequired,
    int Approvals,
    string State,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? CommandExpiresAt,
    DateTimeOffset? CompletedAt,
    string? ReadBack,
    string? Error,
    IReadOnlyList<WriteStepResponse>? Timeline)
{
    public static WriteRequestResponse Of(WriteRequest request, IReadOnlyList<WriteRequestEvent>? timeline = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(
            request.Id,
            request.SiteId,
            request.AgentId,
            request.Tag,
            request.DataType,
            request.Value,
            request.Reason,
            request.RequestedBy,
            request.RequestedAt,
            request.NotBefore,
            request.NotAfter,
            request.ExpiresAt,
            request.Critical,
            request.ApprovalsRequired,
            request.Approvals,
            request.State.ToString(),
            request.DispatchedAt,
            request.CommandExpiresAt,
            request.CompletedAt,
            request.ReadBack,
            request.Error,
            timeline?.Select(step => new WriteStepResponse(step.Sequence, step.Action, step.State.ToString(), step.Actor, step.At, step.Detail)).ToList());
    }
}
