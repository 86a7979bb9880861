namespace Proxus.Server.Pki;

/// <summary>What a key pair held by the server is for.</summary>
public enum PkiCredentialPurpose
{
    /// <summary>The self-signed root; signs only issuing CAs.</summary>
    RootCa,

    /// <summary>The issuing CA; signs agent and server certificates and the CRL.</summary>
    IssuingCa,

    /// <summary>The server's TLS certificate (HTTPS, MQTT over TLS).</summary>
    ServerTls,

    /// <summary>Signs agent configurations (public key handed out at enrollment).</summary>
    ConfigurationSigning,

    /// <summary>Signs the exported head of the audit chain.</summary>
    AuditSigning,

    /// <summary>Signs the OAuth2 access tokens (JWT, ES256) of machine clients.</summary>
    AccessTokenSigning,

    /// <summary>Signs control-write commands (public key carried by the signed agent configuration).</summary>
    CommandSigning,
}
