namespace Proxus.Server.Monitoring;

/// <summary>The kinds of security event that components raise through <see cref="ISecurityEventSink"/>.</summary>
public enum SecurityEventType
{
    /// <summary>
    /// A refused MQTT CONNECT or TLS handshake. Source: the remote address; detail <c>clientId</c>
    /// for a refused CONNECT (what the unknown-client-id rule checks against the agents).
    /// </summary>
    AuthenticationFailed,

    /// <summary>A PUBLISH, will or SUBSCRIBE refused by the ACL. Subject: the client (actor).</summary>
    AclDenied,

    /// <summary>A certificate presented (TLS handshake, CONNECT, agent API) after it was revoked. Subject: <c>certificate:{serial}</c>.</summary>
    RevokedCertificatePresented,

    /// <summary>An agent rejected a signed configuration it was issued. Subject: <c>agent:{id}</c>.</summary>
    ConfigurationRejected,

    /// <summary>An agent rejected a signed command (bad signature, expired, replayed, not writable). Subject: <c>agent:{id}</c>.</summary>
    CommandRejected,

    /// <summary>A control-write request outside the time window its tag or site allows. Subject: <c>write-request:{id}</c>.</summary>
    WriteOutsideWindow,
}
