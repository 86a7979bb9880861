using Proxus.Server.Data;
using Proxus.Server.Fleet;
using Proxus.Server.Monitoring;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Monitoring;

/// <summary>The certificate-expiry rule over the serial register (SQLite).</summary>
public sealed class CertificateExpiryRuleTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>
{
    private static readonly AlertRuleOptions Options = new() { CertificateExpiryWarning = TimeSpan.FromDays(7) };

    [Fact]
    public async Task Evaluate_NewestCertificateWithinWarning_Raises()
    {
        var now = Timestamps.Now(TimeProvider.System);
        var agent = await CreateAgentAsync();
        var serial = await IssueAsync(agent, now.AddDays(-25), now.AddDays(5));

        var raised = await Rule().EvaluateAsync(now, CancellationToken.None);

        raised.Should().ContainSingle(c => c.Subject == $"certificate:{serial}").Which.Should().Match<AlertCandidate>(c =>
            c.Rule == AlertRules.CertificateExpiring && c.Severity == AlertSeverity.Medium && c.Details!["owner"] == $"agent:{agent.Id:D}" && c.EpisodeStart == now.AddDays(-25));
    }

    [Fact]
    public async Task Evaluate_ExpiredAndNeverRenewed_RaisesHigh()
    {
        var now = Timestamps.Now(TimeProvider.System);
        var serial = await IssueAsync(await CreateAgentAsync(), now.AddDays(-31), now.AddDays(-1));

        var raised = await Rule().EvaluateAsync(now, CancellationToken.None);

        raised.Should().ContainSingle(c => c.Subject == $"certificate:{serial}").Which.Severity.Should().Be(AlertSeverity.High);
    }

    [Fact]
    public async Task Evaluate_RenewedFarFromExpiryOrRevoked_Quiet()
    {
        var now = Timestamps.Now(TimeProvider.System);
        var renewed = await CreateAgentAsync();
        var old = await IssueAsync(renewed, now.AddDays(-25), now.AddDays(5));
        await IssueAsync(renewed, now.AddDays(-1), now.AddDays(29));
        var fresh = await IssueAsync(await CreateAgentAsync(), now, now.AddDays(30));
        var revoked = await IssueAsync(await CreateAgentAsync(), now.AddDays(-25), now.AddDays(2), revokedAt: now.AddDays(-3));

        var raised = await Rule().EvaluateAsync(now, CancellationToken.None);

        raised.Select(c => c.Subject).Should().NotContain([$"certificate:{old}", $"certificate:{fresh}", $"certificate:{revoked}"]);
    }

    private CertificateExpiryRule Rule() => new(fixture.Host.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<ProxusDbContext>>(), Options);

    private async Task<Agent> CreateAgentAsync()
    {
        var fleet = fixture.Host.Get<FleetService>();
        var site = await fleet.CreateSiteAsync("Site " + Guid.NewGuid().ToString("N"), "test", CancellationToken.None);
        return await fleet.CreateAgentAsync(site.Id, "agent-" + Guid.NewGuid().ToString("N")[..8], "test", CancellationToken.None);
    }

    private async Task<string> IssueAsync(Agent agent, DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset? revokedAt = null)
    {
        var serial = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await using var db = fixture.Host.CreateDbContext();
        db.IssuedCertificates.Add(new IssuedCertificate
        {
            SerialNumber = serial,
            Kind = CertificateKind.Agent,
            AgentId = agent.Id,
            Subject = "CN=" + agent.Id,
            NotBefore = notBefore,
            NotAfter = notAfter,
            IssuedAt = notBefore,
            Der = [0x30, 0x00],
            RevokedAt = revokedAt,
            RevocationReason = revokedAt is null ? null : System.Security.Cryptography.X509Certificates.X509RevocationReason.KeyCompromise,
        });
        await db.SaveChangesAsync();
        return serial;
    }
}
