namespace Proxus.Server.Writes;

/// <summary>One step of a request's timeline: what happened, the state after it, who, when.</summary>
public sealed class WriteRequestEvent
{
    public const int MaxActionLength = 40;
    public const int MaxDetailLength = 2000;

    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    /// <summary>1, 2, 3, ... per request.</summary>
    public int Sequence { get; set; }

    /// <summary>requested, approval, approved, rejected, cancelled, expired, dispatched, succeeded, failed, timed-out, reconciled.</summary>
    public required string Action { get; set; }

    public WriteState State { get; set; }

    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Detail { get; set; }
}
