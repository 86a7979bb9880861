namespace Proxus.Server.Monitoring;

/// <summary>
/// Something a component saw that may matter to security monitoring, raised through
/// <see cref="ISecurityEventSink"/>. Values are untrusted text (a client id, a topic): they are
/// escaped and capped when stored and forwarded.
/// </summary>
/// <param name="Type">What happened.</param>
/// <param name="Subject">What it concerns: <c>agent:{id}</c>, <c>certificate:{serial}</c>, <c>mqtt-client:{id}</c>, <c>write-request:{id}</c>.</param>
/// <param name="Source">Where it came from, when known: a remote address (without port for rules that count per source).</param>
/// <param name="Details">Further facts shown with the alert (reason, topic, version).</param>
public sealed record SecurityEvent(SecurityEventType Type, string Subject, string? Source = null, IReadOnlyDictionary<string, string?>? Details = null)
{
    /// <summary>When it happened; the sink stamps events raised without one.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
}
