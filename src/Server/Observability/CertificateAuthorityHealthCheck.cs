using Microsoft.Extensions.Diagnostics.HealthChecks;
using Proxus.Server.Pki;

namespace Proxus.Server.Observability;

/// <summary>Ready when the internal CA is loaded and its issuing key signs what its certificate verifies.</summary>
public sealed class CertificateAuthorityHealthCheck(CertificateAuthority authority, TimeProvider timeProvider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!authority.IsInitialized)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the certificate authority is not loaded"));
        }

        if (authority.IssuingCertificate.NotAfter <= timeProvider.GetUtcNow().UtcDateTime)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the issuing CA certificate has expired"));
        }

        return Task.FromResult(authority.IsIssuingKeyUsable()
            ? HealthCheckResult.Healthy("issuing key available")
            : HealthCheckResult.Unhealthy("the issuing CA key does not match its certificate"));
    }
}
