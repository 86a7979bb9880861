using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Proxus.Server.Mqtt;

/// <summary>
/// Builds the TLS settings of the MQTT endpoint from PEM files: the server certificate, and a
/// required client certificate that must chain to the configured CA (and only to it) and be meant
/// for client authentication.
/// </summary>
public static class MqttTlsSetup
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public static HttpsConnectionAdapterOptions CreateHttpsOptions(MqttTlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var certificatePath = tls.CertificatePath ?? throw new InvalidOperationException("Mqtt:Tls:CertificatePath is not set.");
        var caPath = tls.ClientCaPath ?? throw new InvalidOperationException("Mqtt:Tls:ClientCaPath is not set.");
        var serverCertificate = LoadServerCertificate(certificatePath, tls.KeyPath);
        var trustedCas = new X509Certificate2Collection();
        trustedCas.ImportFromPemFile(caPath);
        if (trustedCas.Count == 0)
        {
            throw new InvalidOperationException($"'{caPath}' holds no certificate.");
        }

        return new HttpsConnectionAdapterOptions
        {
            ServerCertificate = serverCertificate,
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CheckCertificateRevocation = false,
            ClientCertificateValidation = (certificate, _, _) => IsTrusted(certificate, trustedCas),
        };
    }

    /// <summary>True when the certificate chains to one of the CAs and allows client authentication.</summary>
    public static bool IsTrusted(X509Certificate2 certificate, X509Certificate2Collection trustedCas)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustedCas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthenticationOid));
        return chain.Build(certificate);
    }

    private static X509Certificate2 LoadServerCertificate(string certificatePath, string? keyPath)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, string.IsNullOrWhiteSpace(keyPath) ? null : keyPath);

        // SslStream on Linux needs the key in an exportable, persisted form: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
