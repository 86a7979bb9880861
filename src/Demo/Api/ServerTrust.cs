using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Demo.Api;

/// <summary>
/// The server's CA chain (<c>GET /api/v1/pki/ca</c>) as the only trust anchors for its HTTPS
/// certificate, the way an agent pins it. The chain is fetched once, trusted on first use like
/// <c>proxus-agent enroll</c> without a fingerprint, and its root's fingerprint is remembered so a
/// later start refuses a different CA.
/// </summary>
public sealed class ServerTrust : IDisposable
{
    private ServerTrust(X509Certificate2Collection anchors, X509Certificate2 root)
    {
        Anchors = anchors;
        Root = root;
    }

    public X509Certificate2Collection Anchors { get; }

    public X509Certificate2 Root { get; }

    /// <summary>SHA-256 of the root CA certificate, colon-separated upper-case hex.</summary>
    public string RootFingerprint => string.Join(':', Root.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The chain in PEM, as the server serves it (issuing CA, then root).</summary>
    public string ChainPem => string.Concat(Anchors.Select(certificate => certificate.ExportCertificatePem() + "\n"));

    /// <summary>
    /// Fetches the CA chain over a connection whose certificate must name the host; then checks that
    /// the certificate the server presented chains to what it served.
    /// </summary>
    public static async Task<ServerTrust> FetchAsync(Uri server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        X509Certificate2? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                presented = certificate is null ? null : new X509Certificate2(certificate);
                return certificate is not null && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        var pem = await http.GetStringAsync(new Uri("/api/v1/pki/ca", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPem(pem);
        var root = anchors.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))
            ?? throw new DemoException($"{server}api/v1/pki/ca served no root CA certificate.");
        var trust = new ServerTrust(anchors, root);
        using (presented)
        {
            if (presented is null || !trust.Chains(presented))
            {
                trust.Dispose();
                throw new DemoException($"The certificate of {server} does not chain to the CA it serves at /api/v1/pki/ca.");
            }
        }

        return trust;
    }

    /// <summary>Whether the certificate chains to <see cref="Anchors"/> (nothing from the OS store counts).</summary>
    public bool Chains(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>A handler that accepts the server only when its certificate names the host and chains to <see cref="Anchors"/>.</summary>
    public HttpClientHandler CreateHandler(System.Net.CookieContainer cookies) => new()
    {
        CookieContainer = cookies,
        UseCookies = true,
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            certificate is not null && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && Chains(certificate),
    };

    public void Dispose()
    {
        foreach (var certificate in Anchors)
        {
            certificate.Dispose();
        }
    }
}
