using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Proxus.Server.Data;

namespace Proxus.Server.Pki;

/// <summary>
/// Publishes the issuing CA's CRL (RFC 5280 5): every revoked certificate that has not expired yet,
/// a monotonically increasing CRL number, re-signed on every revocation and at half its lifetime.
/// </summary>
public sealed class RevocationListPublisher(
    IDbContextFactory<ProxusDbContext> contexts,
    CertificateAuthority authority,
    IOptions<PkiOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>The CRL in force, re-published first if it has passed half of its lifetime.</summary>
    public async Task<RevocationList> GetCurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var current = await db.RevocationLists.AsNoTracking().OrderByDescending(l => l.Number).FirstOrDefaultAsync(cancellationToken);
        if (current is not null && Timestamps.Now(timeProvider) < current.ThisUpdate + (options.Value.RevocationListLifetime / 2))
        {
            return current;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var published = await PublishAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return published;
    }

    /// <summary>Signs and stores a new CRL inside the caller's transaction (e.g. the one that revokes).</summary>
    internal async Task<RevocationList> PublishAsync(ProxusDbContext db, CancellationToken cancellationToken)
    {
        await DatabaseLock.AcquireAsync(db, DatabaseLock.CertificateAuthority, cancellationToken);
        var now = Timestamps.Now(timeProvider);
        var number = (await db.RevocationLists.MaxAsync(l => (long?)l.Number, cancellationToken) ?? 0) + 1;
        var revoked = await db.IssuedCertificates.AsNoTracking()
            .Where(c => c.RevokedAt != null && c.NotAfter > now)
            .Select(c => new { c.SerialNumber, c.RevokedAt, c.RevocationReason })
            .ToListAsync(cancellationToken);
        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in revoked.OrderBy(e => e.SerialNumber, StringComparer.Ordinal))
        {
            builder.AddEntry(Convert.FromHexString(entry.SerialNumber), entry.RevokedAt!.Value, entry.RevocationReason);
        }

        var list = new RevocationList
        {
            Number = number,
            ThisUpdate = now,
            NextUpdate = now + options.Value.RevocationListLifetime,
            Der = authority.SignRevocationList(builder, number, now, now + options.Value.RevocationListLifetime),
        };
        db.RevocationLists.Add(list);
        await db.SaveChangesAsync(cancellationToken);
        return list;
    }
}
