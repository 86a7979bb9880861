namespace Proxus.Server.Pki;

/// <summary>Why a client certificate does not identify an agent.</summary>
public enum AgentCertificateRejection
{
    /// <summary>The chain does not lead to our root through our issuing CA (self-signed, another CA).</summary>
    UntrustedChain,

    /// <summary>Outside its validity period.</summary>
    Expired,

    /// <summary>Not marked for client authentication.</summary>
    NotClientCertificate,

    /// <summary>No (or a malformed) agent or machine-client URI, or it names another site than the agent's (another client than the register's).</summary>
    NoAgentIdentity,

    /// <summary>Signed by our key but absent from the serial register.</summary>
    UnknownSerial,

    /// <summary>Revoked.</summary>
    Revoked,
}
