namespace Proxus.Server.Pki;

/// <summary>Which kind of end-entity certificate the issuing CA signed.</summary>
public enum CertificateKind
{
    Agent,
    Server,
}
