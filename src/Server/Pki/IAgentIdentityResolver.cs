using System.Security.Cryptography.X509Certificates;

namespace Proxus.Server.Pki;

/// <summary>
/// Maps a client certificate presented at a TLS handshake (the agent API, the broker's MQTT/TLS
/// port) to the agent and site it was issued to: chain validated against our CA only, validity,
/// client-authentication usage, and the serial register (unknown or revoked serials are refused).
/// </summary>
public interface IAgentIdentityResolver
{
    Task<AgentIdentityResult> ResolveAsync(X509Certificate2 certificate, CancellationToken cancellationToken);
}
