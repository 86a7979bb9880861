namespace Proxus.Server.Identity;

/// <summary>
/// Told after a machine client's revocation or secret rotation commits, e.g. by the MQTT broker to
/// end the live sessions opened with credentials that are no longer valid.
/// </summary>
public interface IMachineClientListener
{
    /// <summary>The client is revoked: every credential of it (tokens, certificates) is void.</summary>
    Task OnRevokedAsync(Guid clientId, CancellationToken cancellationToken);

    /// <summary>The client's secret was rotated to <paramref name="secretVersion"/>: tokens issued under older versions are void.</summary>
    Task OnSecretRotatedAsync(Guid clientId, int secretVersion, CancellationToken cancellationToken);
}
