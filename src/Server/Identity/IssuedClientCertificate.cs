namespace Proxus.Server.Identity;

/// <summary>A client certificate issued to a machine client for read-only MQTT over mutual TLS.</summary>
/// <param name="ClientId">The machine client the certificate is bound to (its CN and URI name <c>urn:proxus:client:{id}</c>).</param>
/// <param name="SerialNumber">Upper-case hex serial.</param>
/// <param name="NotAfter">When the certificate expires.</param>
/// <param name="CertificatePem">The client certificate.</param>
/// <param name="ChainPem">Issuing CA then root: the trust anchors for the broker's certificate (<c>--cafile</c>).</param>
/// <param name="PrivateKeyPem">
/// The PKCS#8 private key when the server generated the key pair (no CSR was sent): shown once in
/// this response and never stored. Null when a CSR was sent (the key never left the client).
/// </param>
public sealed record IssuedClientCertificate(
    Guid ClientId,
    string SerialNumber,
    DateTimeOffset NotAfter,
    string CertificatePem,
    string ChainPem,
    string? PrivateKeyPem);
