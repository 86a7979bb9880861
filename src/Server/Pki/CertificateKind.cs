namespace Proxus.Server.Pki;

/// <summary>Which kind of end-entity certificate the issuing CA signed.</summary>
public enum CertificateKind
{
    Agent,
    Server,

    /// <summary>A read-only MQTT consumer's certificate, bound to an OAuth2 machine client.</summary>
    MachineClient,
}
