using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;

namespace Proxus.Server.Audit;

/// <summary>
/// Walks the whole chain in sequence order and names the first entry whose sequence, link or hash
/// is wrong; then checks it against a signed head (the exported one by default), which reveals
/// entries deleted from the end.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<ProxusDbContext> contexts, AuditHeadStore heads)
{
    public async Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken)
        => await VerifyAsync(await heads.ReadAsync(cancellationToken), cancellationToken);

    public async Task<AuditVerificationResult> VerifyAsync(SignedAuditHead? head, CancellationToken cancellationToken)
    {
        if (head is not null && !heads.VerifySignature(head))
        {
            return AuditVerificationResult.Broken(0, head.Sequence, "The signed audit head's signature does not verify with the audit-signing key.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var previousHash = new byte[AuditHasher.HashLength];
        long expected = 1;
        byte[]? hashAtHead = null;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var checkedSoFar = expected - 1;
            if (entry.Sequence != expected)
            {
                return AuditVerificationResult.Broken(checkedSoFar, expected, $"Entry {expected} is missing (the next entry is {entry.Sequence}).");
            }

            if (!CryptographicOperations.FixedTimeEquals(entry.PreviousHash, previousHash))
            {
                return AuditVerificationResult.Broken(checkedSoFar, entry.Sequence, $"Entry {entry.Sequence} does not link to entry {entry.Sequence - 1} (previous hash differs).");
            }

            if (!CryptographicOperations.FixedTimeEquals(AuditHasher.ComputeHash(entry), entry.Hash))
            {
                return AuditVerificationResult.Broken(checkedSoFar, entry.Sequence, $"Entry {entry.Sequence} was altered (its content does not match its hash).");
            }

            if (head is not null && entry.Sequence == head.Sequence)
            {
                hashAtHead = entry.Hash;
            }

            previousHash = entry.Hash;
            expected++;
        }

        var count = expected - 1;
        if (head is not null)
        {
            if (count < head.Sequence)
            {
                return AuditVerificationResult.Broken(count, count + 1, $"Entries {count + 1} to {head.Sequence} are missing: the signed head names entry {head.Sequence}.");
            }

            if (!Convert.ToHexStringLower(hashAtHead!).Equals(head.Hash, StringComparison.OrdinalIgnoreCase))
            {
                return AuditVerificationResult.Broken(count, head.Sequence, $"Entry {head.Sequence} differs from the signed head.");
            }
        }

        return AuditVerificationResult.Intact(count);
    }
}
