namespace Proxus.Server.Pki;

/// <summary>Object identifiers the CA uses (RFC 5280 4.2.1.12, RFC 5480).</summary>
internal static class PkiOids
{
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string NistP256 = "1.2.840.10045.3.1.7";
    public const string NistP384 = "1.3.132.0.34";
}
