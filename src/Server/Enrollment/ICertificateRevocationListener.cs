namespace Proxus.Server.Enrollment;

/// <summary>
/// Told after a revocation commits, e.g. by the MQTT broker to drop the live sessions of that
/// certificate. Register any number in the service collection.
/// </summary>
public interface ICertificateRevocationListener
{
    Task OnRevokedAsync(string serialNumber, Guid? agentId, CancellationToken cancellationToken);
}
