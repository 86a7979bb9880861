using System.Security.Cryptography.X509Certificates;

namespace Proxus.Agent.Identity;

/// <summary>Certificates read from PEM text, disposed together.</summary>
internal sealed class PemCertificates : IDisposable
{
    /// <summary>The most certificates a chain may hold.</summary>
    public const int MaxCertificates = 8;

    private PemCertificates(X509Certificate2Collection certificates)
    {
        Certificates = certificates;
    }

    public X509Certificate2Collection Certificates { get; }

    public static PemCertificates Parse(string pem)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        if (certificates.Count > MaxCertificates)
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }

            throw new ServerApiException($"A CA chain of {certificates.Count} certificates is refused; at most {MaxCertificates}.");
        }

        return new PemCertificates(certificates);
    }

    public void Dispose()
    {
        foreach (var certificate in Certificates)
        {
            certificate.Dispose();
        }
    }
}
