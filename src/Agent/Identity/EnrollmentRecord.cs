namespace Proxus.Agent.Identity;

/// <summary>What enrollment established, kept in <c>identity/enrollment.json</c>.</summary>
/// <param name="AgentId">The agent's id, assigned by the server (the certificate's CN).</param>
/// <param name="SiteId">The agent's site.</param>
/// <param name="Server">The server's HTTPS base URL (enrollment, renewal, configuration).</param>
/// <param name="Broker">The MQTT broker the agent publishes to (<c>mqtts://host:8883</c>).</param>
/// <param name="EnrolledAt">When the agent enrolled.</param>
public sealed record EnrollmentRecord(Guid AgentId, Guid SiteId, Uri Server, Uri Broker, DateTimeOffset EnrolledAt);
