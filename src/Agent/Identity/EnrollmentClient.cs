using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Proxus.Agent.Storage;

namespace Proxus.Agent.Identity;

/// <summary>
/// First contact with the server: generates the key, sends the CSR with the one-time token, and
/// stores the certificate, our CA chain and the configuration-signing key. The server is trusted
/// at this step either by the SHA-256 fingerprint of our root CA given by the operator
/// (<c>--ca-fingerprint</c>), or on first use; either way the certificate the server presented
/// must chain to the CA it returns, and from then on only that CA is trusted.
/// </summary>
public sealed class EnrollmentClient
{
    /// <summary>The MQTT over TLS port of the server, used when no broker URL is given.</summary>
    public const int DefaultBrokerPort = 8883;

    private readonly TimeProvider _time;

    public EnrollmentClient(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <param name="paths">Where the identity is stored.</param>
    /// <param name="server">The server's HTTPS base URL.</param>
    /// <param name="token">The one-time enrollment token from the portal.</param>
    /// <param name="caFingerprint">SHA-256 of our root CA certificate (hex, colons allowed); null to trust on first use.</param>
    /// <param name="broker">The broker URL; null for <c>mqtts://{server host}:8883</c>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task<EnrollmentRecord> EnrollAsync(AgentPaths paths, Uri server, string token, string? caFingerprint, Uri? broker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (server.Scheme != Uri.UriSchemeHttps)
        {
            throw new FormatException($"The server URL must be https://, not {server.Scheme}://.");
        }

        var pinned = caFingerprint is null ? null : ParseFingerprint(caFingerprint);
        using var anchors = await FetchTrustAnchorsAsync(server, pinned, cancellationToken).ConfigureAwait(false);
        using var key = CertificateSigningRequests.CreateKey();
        var csr = CertificateSigningRequests.Create(key);
        using var handler = CreateHandler(PinnedServerValidator.Create(anchors.Certificates));
        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        using var content = ServerApiClient.JsonBody(new EnrollmentRequestBody(token, csr), AgentJsonContext.Default.EnrollmentRequestBody);
        using var response = await http.PostAsync("api/v1/enrollment", content, cancellationToken).ConfigureAwait(false);
        await ServerApiClient.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var body = await ServerApiClient.ReadCertificateResponseAsync(response, cancellationToken).ConfigureAwait(false);
        using (var returned = PemCertificates.Parse(body.ChainPem))
        {
            if (!anchors.Certificates.Cast<X509Certificate2>().Any(anchor => returned.Certificates.Contains(anchor)))
            {
                throw new ServerApiException("The CA chain of the enrollment response is not the chain the server presented.");
            }
        }

        using var certificate = CertificateSigningRequests.Accept(body.CertificatePem, key, body.AgentId);
        using (var signingKey = ECDsa.Create())
        {
            signingKey.ImportFromPem(body.ConfigurationSigningPublicKeyPem);
        }

        var record = new EnrollmentRecord(body.AgentId, body.SiteId, server, broker ?? new UriBuilder("mqtts", server.Host, DefaultBrokerPort).Uri, _time.GetUtcNow());
        AgentCredentials.Save(paths, record, body.CertificatePem, key, body.ChainPem, body.ConfigurationSigningPublicKeyPem);
        return record;
    }

    /// <summary>The SHA-256 fingerprint of a certificate as upper-case hex with colons.</summary>
    public static string FingerprintOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static byte[] ParseFingerprint(string text)
    {
        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        try
        {
            var bytes = Convert.FromHexString(hex);
            return bytes.Length == SHA256.HashSizeInBytes ? bytes : throw new FormatException("--ca-fingerprint must be the 32-byte SHA-256 of the root CA certificate.");
        }
        catch (FormatException)
        {
            throw new FormatException("--ca-fingerprint must be the SHA-256 of the root CA certificate in hex (colons allowed).");
        }
    }

    private static bool Matches(X509Certificate2 certificate, byte[] fingerprint)
        => certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(fingerprint);

    /// <summary>
    /// Reads our CA chain from <c>GET /api/v1/pki/ca</c> (public, nothing secret is sent) and decides
    /// whether to trust it: its root must have the pinned fingerprint, or, without one, it is trusted
    /// on first use. The server's own certificate must chain to it.
    /// </summary>
    private static async Task<PemCertificates> FetchTrustAnchorsAsync(Uri server, byte[]? pinned, CancellationToken cancellationToken)
    {
        X509Certificate2? presented = null;
        using var handler = CreateHandler((_, certificate, _, errors) =>
        {
            presented = certificate is null ? null : new X509Certificate2(certificate);
            return certificate is not null && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
        });
        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync("api/v1/pki/ca", cancellationToken).ConfigureAwait(false);
        await ServerApiClient.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var pem = System.Text.Encoding.ASCII.GetString(await ServerApiClient.ReadCappedAsync(response.Content, ServerApiClient.MaxCertificateResponseBytes, cancellationToken).ConfigureAwait(false));
        var anchors = PemCertificates.Parse(pem);
        using (presented)
        {
            if (anchors.Certificates.Count == 0)
            {
                anchors.Dispose();
                throw new ServerApiException("The server published no CA chain.");
            }

            if (pinned is not null && !anchors.Certificates.Cast<X509Certificate2>().Any(anchor => Matches(anchor, pinned)))
            {
                anchors.Dispose();
                throw new ServerApiException("The server's CA chain does not contain the CA with the given fingerprint.");
            }

            if (presented is null || !PinnedServerValidator.Validate(anchors.Certificates, presented, null, SslPolicyErrors.None))
            {
                anchors.Dispose();
                throw new ServerApiException("The server's TLS certificate does not chain to the CA chain it publishes.");
            }
        }

        return anchors;
    }

    private static SocketsHttpHandler CreateHandler(RemoteCertificateValidationCallback validation) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        SslOptions =
        {
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = validation,
        },
    };
}
