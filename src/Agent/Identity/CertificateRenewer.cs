using Microsoft.Extensions.Logging;
using Proxus.Agent.Storage;

namespace Proxus.Agent.Identity;

/// <summary>
/// Renews the agent certificate over mutual TLS before it expires: once
/// <see cref="RenewAtFraction"/> of its lifetime has passed, a new key is generated, its CSR sent
/// to <c>POST /api/v1/certificates/renewal</c> with the current certificate, and the new
/// certificate and key replace the old ones in one atomic rename. A failed attempt is retried with
/// backoff; the current certificate stays in use meanwhile.
/// </summary>
public sealed partial class CertificateRenewer(AgentPaths paths, CredentialStore credentials, ILogger<CertificateRenewer> logger, TimeProvider time)
{
    /// <summary>The share of the certificate's lifetime after which it is renewed.</summary>
    public const double RenewAtFraction = 2.0 / 3.0;

    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinRetry = TimeSpan.FromSeconds(30);

    /// <summary>When the certificate is due for renewal.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset notBefore, DateTimeOffset notAfter) => notBefore + ((notAfter - notBefore) * RenewAtFraction);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var certificate = credentials.Current.Certificate;
            var due = DueAt(certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait < MaxWait ? wait : MaxWait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await RenewAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (Exception exception) when (exception is HttpRequestException or ServerApiException or System.Security.Cryptography.CryptographicException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var retry = TimeSpan.FromSeconds(Math.Min(MaxWait.TotalSeconds, MinRetry.TotalSeconds * Math.Pow(2, Math.Min(failures++, 10))));
                LogRenewalFailed(logger, exception.Message, retry);
                await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Renews now.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var current = credentials.Current;
        using var key = CertificateSigningRequests.CreateKey();
        using var api = new ServerApiClient(current.Enrollment.Server, current.Certificate, current.TrustAnchors);
        var body = await api.RenewAsync(CertificateSigningRequests.Create(key), cancellationToken).ConfigureAwait(false);
        using (CertificateSigningRequests.Accept(body.CertificatePem, key, current.Enrollment.AgentId))
        {
            AgentCredentials.SaveCertificate(paths, body.CertificatePem, key);
        }

        credentials.Reload();
        LogRenewed(logger, body.SerialNumber, body.NotAfter);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Certificate renewed: serial {Serial}, valid until {NotAfter}")]
    private static partial void LogRenewed(ILogger logger, string serial, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Certificate renewal failed: {Error}; retrying in {Retry}")]
    private static partial void LogRenewalFailed(ILogger logger, string error, TimeSpan retry);
}
