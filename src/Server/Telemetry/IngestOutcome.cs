namespace Proxus.Server.Telemetry;

/// <summary>
/// What became of a submitted message. Every outcome means "acknowledge it": the message is either
/// durably stored or could never be stored, so a redelivery would change nothing.
/// </summary>
public enum IngestOutcome
{
    /// <summary>Committed to history (or already there: a redelivery is skipped as a duplicate).</summary>
    Stored,

    /// <summary>Not a valid UNS topic or payload; counted and logged, never retried.</summary>
    Malformed,

    /// <summary>Older than the retention period: it would be deleted at once, so it is not stored.</summary>
    Expired,
}
