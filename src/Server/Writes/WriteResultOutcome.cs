namespace Proxus.Server.Writes;

/// <summary>What the server did with a result message.</summary>
public enum WriteResultOutcome
{
    /// <summary>The dispatched request is now succeeded or failed.</summary>
    Recorded,

    /// <summary>A timed-out request got its late result: it is now succeeded or failed.</summary>
    Reconciled,

    /// <summary>The request already has this result (a redelivery); nothing changed.</summary>
    Duplicate,

    /// <summary>The result matches no dispatched command of that agent (unknown request, other agent, other nonce); audited, nothing changed.</summary>
    Rejected,
}
