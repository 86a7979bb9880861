using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;
using Proxus.Server.Enrollment;

namespace Proxus.Server.Pki;

/// <summary>
/// The revoked serial numbers still inside their validity period, held in memory so that a TLS
/// handshake (whose certificate callback cannot wait for the database) can refuse them. Loaded
/// before the server accepts connections, refreshed from the database periodically (revocations
/// made by other server nodes) and updated at once by revocations on this node (it is the first
/// revocation listener). A revocation is permanent, so entries only leave when they expire; the
/// database remains the authority (<see cref="IAgentIdentityResolver.ResolveAsync"/>).
/// </summary>
internal sealed class RevokedCertificateSet(IDbContextFactory<ProxusDbContext> contexts, TimeProvider timeProvider) : ICertificateRevocationListener
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _serials = new(StringComparer.Ordinal);

    public int Count => _serials.Count;

    public bool Contains(string serialNumber) => _serials.ContainsKey(serialNumber);

    public Task OnRevokedAsync(string serialNumber, Guid? agentId, CancellationToken cancellationToken)
    {
        // The expiry is not known here; the next refresh sets it from the register.
        _serials[serialNumber] = DateTimeOffset.MaxValue;
        return Task.CompletedTask;
    }

    /// <summary>Adds the register's revoked, unexpired serials and drops expired entries.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = Timestamps.Now(timeProvider);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var revoked = await db.IssuedCertificates.AsNoTracking()
            .Where(c => c.RevokedAt != null && c.NotAfter > now)
            .Select(c => new { c.SerialNumber, c.NotAfter })
            .ToListAsync(cancellationToken);
        foreach (var certificate in revoked)
        {
            _serials[certificate.SerialNumber] = certificate.NotAfter;
        }

        foreach (var (serial, notAfter) in _serials)
        {
            if (notAfter <= now)
            {
                _serials.TryRemove(serial, out _);
            }
        }
    }
}
