namespace Proxus.Server.Monitoring;

/// <summary>Whether an agent is connected, and since when it has been in that state.</summary>
public sealed record AgentPresence(Guid AgentId, bool Online, DateTimeOffset Since);
