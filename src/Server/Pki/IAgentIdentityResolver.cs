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

    /// <summary>
    /// Maps a client certificate issued to an OAuth2 machine client (URI <c>urn:proxus:client:{id}</c>)
    /// to that client: the same chain, validity and usage checks, the serial register with identical
    /// DER and the client's id, not revoked. Whether the client itself is still active is the caller's check.
    /// </summary>
    Task<MachineClientCertificateResult> ResolveMachineClientAsync(X509Certificate2 certificate, CancellationToken cancellationToken);

    /// <summary>
    /// The part of the check a TLS handshake can make without waiting: chain to our root only,
    /// validity, client-authentication usage, one agent or machine-client URI, and the revoked serials held in memory
    /// (refreshed from the database, updated at once by revocations on this node). Null when the
    /// certificate passes; <see cref="ResolveAsync"/> then completes the check against the register.
    /// </summary>
    AgentCertificateRejection? CheckAtHandshake(X509Certificate2 certificate);
}
