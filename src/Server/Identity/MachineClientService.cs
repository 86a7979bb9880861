using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Data;
using Proxus.Server.Enrollment;
using Proxus.Server.Pki;

namespace Proxus.Server.Identity;

/// <summary>
/// OAuth2 machine clients (admin application service): create, rotate the secret, revoke, and
/// authenticate at the token endpoint. Secrets are <c>pxs_</c> + base64url of 32 random bytes;
/// only their SHA-256 is stored (a fast hash suffices for 256 random bits, unlike a password).
/// Every change is audited in the transaction that makes it. Revoking a client revokes its client
/// certificates in the same transaction (and publishes a new CRL); after the commit the certificate
/// revocation listeners and the <see cref="IMachineClientListener"/>s (the broker) are told.
/// </summary>
public sealed class MachineClientService(
    IDbContextFactory<ProxusDbContext> contexts,
    AuditLog audit,
    RevocationListPublisher revocationLists,
    IEnumerable<ICertificateRevocationListener> certificateListeners,
    IEnumerable<IMachineClientListener> clientListeners,
    TimeProvider timeProvider)
{
    public const string SecretPrefix = "pxs_";

    private static readonly int SecretLength = SecretPrefix.Length + 43;

    public async Task<IReadOnlyList<MachineClientSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var clients = await db.MachineClients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return clients.Select(MachineClientSummary.From).ToList();
    }

    public async Task<IssuedClientSecret> CreateAsync(string name, string? scopes, string actor, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > MachineClient.MaxNameLength || trimmed.Any(char.IsControl))
        {
            throw new IamValidationException($"A client name has 1 to {MachineClient.MaxNameLength} characters and no control characters.");
        }

        if (!Scopes.TryParse(scopes, out var parsed) || parsed.Count == 0)
        {
            throw new IamValidationException($"Give at least one scope, space-separated, from: {string.Join(' ', Scopes.All)}.");
        }

        var secret = NewSecret();
        var client = new MachineClient
        {
            Id = Guid.NewGuid(),
            Name = trimmed,
            Scopes = string.Join(' ', parsed),
            SecretHash = HashSecret(secret),
            SecretVersion = 1,
            CreatedBy = AuditValue.Escape(actor, 256),
            CreatedAt = Timestamps.Now(timeProvider),
        };
        return await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                db.MachineClients.Add(client);
                await db.SaveChangesAsync(ct);
                var data = new Dictionary<string, string?> { ["name"] = client.Name, ["scopes"] = client.Scopes };
                return new AuditedResult<IssuedClientSecret>(
                    new IssuedClientSecret(MachineClientSummary.From(client), secret),
                    new AuditEvent(IamAuditEventTypes.ClientCreated, actor, Subject(client.Id), data));
            },
            cancellationToken);
    }

    /// <summary>A new secret; the old one and every token issued under it stop working. Null if unknown or revoked.</summary>
    public async Task<IssuedClientSecret?> RotateSecretAsync(Guid clientId, string actor, CancellationToken cancellationToken)
    {
        var secret = NewSecret();
        var issued = await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var client = await db.MachineClients.SingleOrDefaultAsync(c => c.Id == clientId && c.RevokedAt == null, ct);
                if (client is null)
                {
                    return new AuditedResult<IssuedClientSecret?>(null, []);
                }

                client.SecretHash = HashSecret(secret);
                client.SecretVersion++;
                await db.SaveChangesAsync(ct);
                var data = new Dictionary<string, string?> { ["secretVersion"] = client.SecretVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                return new AuditedResult<IssuedClientSecret?>(
                    new IssuedClientSecret(MachineClientSummary.From(client), secret),
                    new AuditEvent(IamAuditEventTypes.ClientSecretRotated, actor, Subject(client.Id), data));
            },
            cancellationToken);
        if (issued is not null)
        {
            foreach (var listener in clientListeners)
            {
                await listener.OnSecretRotatedAsync(clientId, issued.Client.SecretVersion, cancellationToken);
            }
        }

        return issued;
    }

    /// <summary>
    /// Revokes the client and its client certificates: no new token, its live tokens are refused at
    /// the next request, its certificates are in the next CRL and refused at the next handshake, and
    /// its live MQTT sessions are closed. False if unknown or revoked already.
    /// </summary>
    public async Task<bool> RevokeAsync(Guid clientId, string actor, CancellationToken cancellationToken)
    {
        var serials = await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var client = await db.MachineClients.SingleOrDefaultAsync(c => c.Id == clientId && c.RevokedAt == null, ct);
                if (client is null)
                {
                    return new AuditedResult<string[]?>(null, []);
                }

                var now = Timestamps.Now(timeProvider);
                client.RevokedAt = now;
                var certificates = await db.IssuedCertificates.Where(c => c.MachineClientId == clientId && c.RevokedAt == null).ToListAsync(ct);
                foreach (var certificate in certificates)
                {
                    certificate.RevokedAt = now;
                    certificate.RevocationReason = System.Security.Cryptography.X509Certificates.X509RevocationReason.CessationOfOperation;
                }

                await db.SaveChangesAsync(ct);
                if (certificates.Count > 0)
                {
                    await revocationLists.PublishAsync(db, ct);
                }

                var revoked = certificates.Select(c => c.SerialNumber).ToArray();
                var data = new Dictionary<string, string?> { ["name"] = client.Name, ["certificates"] = string.Join(' ', revoked) };
                return new AuditedResult<string[]?>(revoked, new AuditEvent(IamAuditEventTypes.ClientRevoked, actor, Subject(client.Id), data));
            },
            cancellationToken);
        if (serials is null)
        {
            return false;
        }

        foreach (var serial in serials)
        {
            foreach (var listener in certificateListeners)
            {
                await listener.OnRevokedAsync(serial, agentId: null, cancellationToken);
            }
        }

        foreach (var listener in clientListeners)
        {
            await listener.OnRevokedAsync(clientId, cancellationToken);
        }

        return true;
    }

    /// <summary>The active client with this id and secret, or null. Compares hashes in constant time.</summary>
    public async Task<MachineClient?> AuthenticateAsync(string? clientId, string? secret, CancellationToken cancellationToken)
    {
        var presented = HashSecret(secret is { Length: var length } && length == SecretLength ? secret : string.Empty);
        if (!Guid.TryParseExact(clientId, "D", out var id))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await db.MachineClients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, cancellationToken);
        return client is not null && CryptographicOperations.FixedTimeEquals(client.SecretHash, presented) ? client : null;
    }

    /// <summary>True while the client is not revoked and its secret is still the one a token was issued under.</summary>
    public async Task<bool> IsActiveAsync(Guid clientId, int secretVersion, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MachineClients.AnyAsync(c => c.Id == clientId && c.RevokedAt == null && c.SecretVersion == secretVersion, cancellationToken);
    }

    internal static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    internal static string Subject(Guid clientId) => $"client:{clientId:D}";

    private static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
