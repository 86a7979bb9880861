using Microsoft.EntityFrameworkCore;

namespace Proxus.Server.Data;

/// <summary>
/// Serializes a write transaction across server nodes. PostgreSQL: a transaction-scoped advisory
/// lock (released at commit or rollback). SQLite: the transaction itself is IMMEDIATE, so it already
/// holds the database write lock.
/// </summary>
public static class DatabaseLock
{
    /// <summary>The certificate authority's key creation and its CRL numbering.</summary>
    public const long CertificateAuthority = 0x5052_5855_0002;

    /// <summary>Appends to the audit chain.</summary>
    public const long Audit = 0x5052_5855_0003;

    /// <summary>Takes the lock inside the current transaction of <paramref name="db"/>.</summary>
    public static async Task AcquireAsync(ProxusDbContext db, long key, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A database lock is taken inside a transaction.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
    }
}
