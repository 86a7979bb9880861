namespace Proxus.Server.Monitoring;

/// <summary>What a rule decided to raise, before it is de-duplicated and stored.</summary>
/// <param name="Rule">One of <see cref="AlertRules"/>.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Subject">What the alert is about; de-duplication is per rule and subject.</param>
/// <param name="Summary">One line for people.</param>
/// <param name="At">When it was seen.</param>
/// <param name="Source">Where it came from, when known.</param>
/// <param name="Details">Further facts.</param>
public sealed record AlertCandidate(
    string Rule,
    AlertSeverity Severity,
    string Subject,
    string Summary,
    DateTimeOffset At,
    string? Source = null,
    IReadOnlyDictionary<string, string?>? Details = null)
{
    /// <summary>
    /// For a condition that lasts (an agent offline, a certificate near expiry): when this episode of
    /// it began. An alert of the same rule and subject first seen since then already covers it, even
    /// when acknowledged, so the condition raises once per episode rather than at every evaluation.
    /// </summary>
    public DateTimeOffset? EpisodeStart { get; init; }

    /// <summary>The count a new alert starts with (e.g. the N failures that crossed a threshold); a later occurrence counts one.</summary>
    public long Occurrences { get; init; } = 1;
}
