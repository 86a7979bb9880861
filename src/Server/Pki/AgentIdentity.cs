namespace Proxus.Server.Pki;

/// <summary>Who a validated client certificate belongs to.</summary>
public sealed record AgentIdentity(Guid AgentId, Guid SiteId, string SerialNumber, DateTimeOffset NotAfter);
