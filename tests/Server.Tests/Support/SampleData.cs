using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Identity;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Monitoring;
using Proxus.Server.Pki;

using Proxus.Server.Writes;

namespace Proxus.Server.Tests.Support;

/// <summary>One fully populated row for every entity of the model, to prove model and schema agree.</summary>
public static class SampleData
{
    private static readonly DateTimeOffset Instant = new(2026, 11, 21, 10, 0, 0, 123, 456, TimeSpan.Zero);

    public static IReadOnlyList<object> OneOfEach()
    {
        var site = new Site { Id = Guid.NewGuid(), Name = "Site " + Guid.NewGuid().ToString("N"), CreatedAt = Instant };
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
        var user = new ProxusUser
        {
            Id = Guid.NewGuid(),
            UserName = "sample-" + Guid.NewGuid().ToString("N"),
            NormalizedUserName = "SAMPLE-" + Guid.NewGuid().ToString("N").ToUpperInvariant(),
            Email = "sample@example.com",
            NormalizedEmail = "SAMPLE@EXAMPLE.COM",
            EmailConfirmed = true,
            PasswordHash = "hash",
            SecurityStamp = "STAMP",
            ConcurrencyStamp = "CONCURRENCY",
            PhoneNumber = "+1 555 0100",
            PhoneNumberConfirmed = true,
            TwoFactorEnabled = true,
            LockoutEnd = Instant.AddMinutes(15),
            LockoutEnabled = true,
            AccessFailedCount = 3,
            MustChangePassword = true,
            IsDisabled = true,
            CreatedAt = Instant,
        };
        var role = new ProxusRole { Id = Guid.NewGuid(), Name = "Sample" + Guid.NewGuid().ToString("N"), NormalizedName = "SAMPLE" + Guid.NewGuid().ToString("N").ToUpperInvariant(), ConcurrencyStamp = "C" };
        var userRole = new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id };
        var userClaim = new IdentityUserClaim<Guid> { Id = Random.Shared.Next(1_000_000, int.MaxValue), UserId = user.Id, ClaimType = "type", ClaimValue = "value" };
        var roleClaim = new IdentityRoleClaim<Guid> { Id = Random.Shared.Next(1_000_000, int.MaxValue), RoleId = role.Id, ClaimType = "type", ClaimValue = "value" };
        var login = new IdentityUserLogin<Guid> { LoginProvider = "provider", ProviderKey = Guid.NewGuid().ToString("N"), ProviderDisplayName = "Provider", UserId = user.Id };
        var userToken = new IdentityUserToken<Guid> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "KEY" };
        var userSite = new UserSite { UserId = user.Id, SiteId = site.Id };
        var client = new MachineClient
        {
            Id = Guid.NewGuid(),
            Name = "sample client",
            Scopes = "uns.read",
            SecretHash = [1, 2, 3],
            SecretVersion = 2,
            CreatedBy = "sample",
            CreatedAt = Instant,
            RevokedAt = Instant.AddDays(1),
        };
        var ns = new SiteNamespace { SiteId = site.Id, Enterprise = "Acme", Name = "S" + site.Id.ToString("N"), CreatedAt = Instant };
        var tagMap = new TagMapVersion
        {
            Id = Guid.NewGuid(),
            SiteId = site.Id,
            Version = 3,
            Author = "sample",
            CreatedAt = Instant,
            Comment = "sample comment",
            Content = "site: {}",
            ContentHash = new byte[32],
            ConnectionCount = 2,
            TagCount = 5,
            RolledBackFrom = 1,
        };
        var envelope = new AgentConfigEnvelope
        {
            Id = Guid.NewGuid(),
            AgentId = agent.Id,
            Version = 7,
            TagMapVersionId = tagMap.Id,
            IssuedAt = Instant,
            ExpiresAt = Instant.AddDays(30),
            PayloadHash = new byte[32],
            Envelope = [0x7B, 0x7D],
        };
        var state = new AgentConfigState
        {
            AgentId = agent.Id,
            AppliedVersion = 6,
            ReportedVersion = 7,
            Status = AgentConfigReportStatus.Rejected,
            Reason = "sample reason",
            ReportedAt = Instant.AddMinutes(1),
        };
        var writeSettings = new SiteWriteSettings { SiteId = site.Id, WritesEnabled = true, ChangedBy = "sample", ChangedAt = Instant };
        var writeRequest = new WriteRequest
        {
            Id = Guid.NewGuid(),
            SiteId = site.Id,
            AgentId = agent.Id,
            Tag = "Acme/S/Area/Line/Machine/Setpoint",
            DataType = "Float32",
            Value = "12.5",
            Reason = "sample reason",
            TagMapVersion = 3,
            RequestedById = user.Id,
            RequestedBy = "user:sample",
            RequestedAt = Instant,
            NotBefore = Instant.AddMinutes(1),
            NotAfter = Instant.AddHours(1),
            ExpiresAt = Instant.AddHours(1),
            Critical = true,
            ApprovalsRequired = 2,
            Approvals = 2,
            State = WriteState.Succeeded,
            Version = 6,
            UpdatedAt = Instant.AddMinutes(3),
            Nonce = "00112233445566778899aabbccddeeff",
            DispatchedAt = Instant.AddMinutes(2),
            CommandExpiresAt = Instant.AddMinutes(3),
            CompletedAt = Instant.AddMinutes(2).AddSeconds(1),
            ReadBack = "12.5",
            Error = "sample error",
        };
        var writeStep = new WriteRequestEvent { Id = Guid.NewGuid(), RequestId = writeRequest.Id, Sequence = 1, Action = "requested", State = WriteState.Requested, Actor = "user:sample", At = Instant, Detail = "sample detail" };
        var alert = new Alert
        {
            Id = Guid.NewGuid(),
            Rule = AlertRules.AgentOffline,
            Severity = AlertSeverity.High,
            State = AlertState.Acknowledged,
            Subject = $"agent:{agent.Id:D}",
            Source = "10.0.0.1",
            Summary = "sample summary",
            Details = "{\"offlineSince\":\"sample\"}",
            Count = 3,
            FirstSeen = Instant,
            LastSeen = Instant.AddMinutes(2),
            AcknowledgedAt = Instant.AddMinutes(3),
            AcknowledgedBy = "user:admin",
            AcknowledgeComment = "sample comment",
        };
        return [site, agent, credential, certificate, revocationList, audit, token, user, role, userRole, userClaim, roleClaim, login, userToken, userSite, client, ns, tagMap, envelope, state, writeSettings, writeRequest, writeStep, alert];
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
