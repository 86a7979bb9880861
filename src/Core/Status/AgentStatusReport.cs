using System.Text.Json.Serialization;

namespace Proxus.Core.Status;

/// <summary>
/// The retained JSON message on <c>proxus/agents/{agentId}/status</c>: the agent publishes it as
/// its birth (state online) and every status interval, and registers a will with state offline.
/// The agent has no listening socket, so this message is how the server learns its figures
/// (docs/agent-status.md).
/// </summary>
/// <param name="AgentId">The agent's id.</param>
/// <param name="State">Online (birth, periodic) or offline (will, clean shutdown).</param>
/// <param name="Timestamp">When the report was made.</param>
/// <param name="UptimeSeconds">Seconds since the agent process started.</param>
/// <param name="ConfigVersion">The applied configuration version, null (written as null, never left out) before the first.</param>
/// <param name="CertificateExpiresAt">When the agent's client certificate expires.</param>
/// <param name="BufferDepth">Messages waiting in the store-and-forward queue.</param>
/// <param name="BufferBytes">Bytes held by the store-and-forward queue.</param>
/// <param name="DroppedPoints">Messages dropped by the queue's size bound since the agent started.</param>
/// <param name="PointsPerSecond">UNS messages produced per second over the last interval.</param>
/// <param name="PublishedPoints">UNS messages acknowledged by the broker since the agent started.</param>
/// <param name="Connections">Per-connection health, ordered by connection id.</param>
/// <param name="Reason">Why the agent is offline (will, shutdown); null when online.</param>
public sealed record AgentStatusReport(
    Guid AgentId,
    AgentState State,
    DateTimeOffset Timestamp,
    long UptimeSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? ConfigVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? CertificateExpiresAt,
    long BufferDepth,
    long BufferBytes,
    long DroppedPoints,
    double PointsPerSecond,
    long PublishedPoints,
    IReadOnlyList<ConnectionHealth> Connections,
    string? Reason = null);
