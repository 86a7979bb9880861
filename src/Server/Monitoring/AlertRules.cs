namespace Proxus.Server.Monitoring;

/// <summary>The ids of the alert rules, as stored, filtered on and forwarded.</summary>
public static class AlertRules
{
    /// <summary>Repeated authentication failures from one source address within a window.</summary>
    public const string AuthenticationFailures = "auth-failures";

    /// <summary>A burst of ACL denials for one client within a window.</summary>
    public const string AclDenialBurst = "acl-denials";

    /// <summary>A revoked certificate presented.</summary>
    public const string RevokedCertificate = "revoked-certificate";

    /// <summary>A CONNECT whose client id names no agent.</summary>
    public const string UnknownClientId = "unknown-client-id";

    /// <summary>A configuration or command rejected by an agent.</summary>
    public const string AgentRejection = "agent-rejection";

    /// <summary>An agent offline for longer than the threshold.</summary>
    public const string AgentOffline = "agent-offline";

    /// <summary>An agent's (or the server's) newest certificate expiring within the threshold.</summary>
    public const string CertificateExpiring = "certificate-expiring";

    /// <summary>A write request outside its allowed window.</summary>
    public const string WriteOutsideWindow = "write-outside-window";

    /// <summary>An agent's publish rate far from its own baseline.</summary>
    public const string PublishRateAnomaly = "publish-rate-anomaly";

    public static IReadOnlyList<string> All { get; } =
    [
        AuthenticationFailures, AclDenialBurst, RevokedCertificate, UnknownClientId, AgentRejection,
        AgentOffline, CertificateExpiring, WriteOutsideWindow, PublishRateAnomaly,
    ];
}
