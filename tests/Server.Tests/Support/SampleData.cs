using System.Security.Cryptography.X509Certificates;
using Proxus.Server.Audit;
using Proxus.Server.Data;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Pki;

namespace Proxus.Server.Tests.Support;

/// <summary>One fully populated row for every entity of the model, to prove model and schema agree.</summary>
public static class SampleData
{
    private static readonly DateTimeOffset Instant = new(2026, 11, 21, 10, 0, 0, 123, 456, TimeSpan.Zero);

    public static IReadOnlyList<object> OneOfEach()
    {
        var site = new Site { Id = Guid.NewGuid(), Name = "Site " + Guid.NewGuid().ToString("N"), UnsPrefix = "Acme/S" + Guid.NewGuid().ToString("N"), CreatedAt = Instant };
        var agent = new Agent { Id = Guid.NewGuid(), SiteId = site.Id, Name = "agent-1", CreatedAt = Instant.AddSeconds(1) };
        var credential = new PkiCredential
        {
            Id = Guid.NewGuid(),
            Purpose = PkiCredentialPurpose.ConfigurationSigning,
            Certificate = [1, 2, 3],
            PublicKey = [4, 5, 6],
            EncryptedPrivateKey = [7, 8, 9],
            CreatedAt = Instant,
            NotAfter = Instant.AddDays(1),
        };
        var certificate = new IssuedCertificate
        {
            SerialNumber = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
            Kind = CertificateKind.Agent,
            AgentId = agent.Id,
            Subject = "CN=" + agent.Id,
            NotBefore = Instant,
            NotAfter = Instant.AddDays(30),
            IssuedAt = Instant,
            Der = [0x30, 0x00],
            RevokedAt = Instant.AddDays(2),
            RevocationReason = X509RevocationReason.KeyCompromise,
        };
        var revocationList = new RevocationList { Number = Random.Shared.NextInt64(1_000_000, long.MaxValue), ThisUpdate = Instant, NextUpdate = Instant.AddDays(1), Der = [0x30, 0x00] };
        var audit = new AuditEntry
        {
            Sequence = Random.Shared.NextInt64(1_000_000_000, long.MaxValue),
            Timestamp = Instant,
            Actor = "sample",
            Type = "sample.event",
            Subject = "sample",
            Data = "{\"k\":\"v\"}",
            PreviousHash = new byte[32],
            Hash = new byte[32],
        };
        var token = new EnrollmentToken
        {
            Id = Guid.NewGuid(),
            TokenHash = Guid.NewGuid().ToByteArray(),
            AgentId = agent.Id,
            CreatedBy = "sample",
            CreatedAt = Instant,
            ExpiresAt = Instant.AddHours(1),
            UsedAt = Instant.AddMinutes(5),
            IssuedSerialNumber = certificate.SerialNumber,
        };
        return [site, agent, credential, certificate, revocationList, audit, token];
    }

    public static async Task AddAsync(ProxusDbContext db, IEnumerable<object> entities)
    {
        foreach (var entity in entities)
        {
            db.Add(entity);
        }

        await db.SaveChangesAsync();
    }
}
