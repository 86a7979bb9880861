namespace Proxus.Server.Writes;

/// <summary>
/// Where a write request is: requested -> approved / rejected / expired / cancelled -> dispatched
/// -> succeeded / failed / timed out (docs/writes.md).
/// </summary>
public enum WriteState
{
    /// <summary>Waiting for its approval(s).</summary>
    Requested,

    /// <summary>Approved; dispatched when its execution window opens.</summary>
    Approved,

    /// <summary>An approver refused it (final).</summary>
    Rejected,

    /// <summary>Not approved, or not dispatched, before it expired (final).</summary>
    Expired,

    /// <summary>Withdrawn by its requester or an Admin before dispatch (final).</summary>
    Cancelled,

    /// <summary>The signed command was published to the agent; waiting for its result.</summary>
    Dispatched,

    /// <summary>The agent wrote the value and read it back (final).</summary>
    Succeeded,

    /// <summary>The agent refused the command or the device failed (final).</summary>
    Failed,

    /// <summary>No result arrived before the command expired; a late result still reconciles it.</summary>
    TimedOut,
}
