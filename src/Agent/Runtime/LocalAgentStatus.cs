using Proxus.Core.Status;

namespace Proxus.Agent.Runtime;

/// <summary>
/// What the running agent writes to <c>status.json</c> in its data directory every status interval,
/// for <c>proxus-agent status</c>: the report it publishes, plus what only the agent's side can
/// know — whether the uplink is up and why it is not.
/// </summary>
/// <param name="Report">The status report as published (or as it would be while the broker is unreachable).</param>
/// <param name="ProcessId">The agent process that wrote it.</param>
/// <param name="UplinkConnected">Whether the broker session is up.</param>
/// <param name="UplinkError">The last uplink failure (e.g. the broker's certificate does not chain to our CA).</param>
/// <param name="UplinkErrorAt">When it happened.</param>
/// <param name="ConfigError">The last configuration fetch or verification failure.</param>
/// <param name="CorruptRecords">Queue records found damaged and skipped.</param>
public sealed record LocalAgentStatus(
    AgentStatusReport Report,
    int ProcessId,
    bool UplinkConnected,
    string? UplinkError,
    DateTimeOffset? UplinkErrorAt,
    string? ConfigError,
    long CorruptRecords);
