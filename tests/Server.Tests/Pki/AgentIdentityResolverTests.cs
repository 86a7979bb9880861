using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;
using Proxus.Server.Fleet;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Pki;

public abstract class AgentIdentityResolverTests(TrustFixture fixture)
{
    private IAgentIdentityResolver Resolver => fixture.Host.Get<IAgentIdentityResolver>();

    [Fact]
    public async Task Resolve_IssuedCertificate_ReturnsAgentAndSite()
    {
        var agent = await CreateAgentAsync(fixture.Host);
        using var certificate = await IssueAsync(fixture.Host, agent);

        var result = await Resolver.ResolveAsync(certificate, CancellationToken.None);

        result.IsValid.Should().BeTrue();
        result.Identity!.AgentId.Should().Be(agent.Id);
        result.Identity.SiteId.Should().Be(agent.SiteId);
        result.Identity.SerialNumber.Should().Be(certificate.SerialNumber);
    }

    [Fact]
    public async Task Resolve_SelfSignedCertificate_RejectedAsUntrusted()
    {
        using var other = TestCertificates.CreateCa("Not Proxus");

        var result = await Resolver.ResolveAsync(other, CancellationToken.None);

        result.Rejection.Should().Be(AgentCertificateRejection.UntrustedChain);
    }

    [Fact]
    public async Task Resolve_CertificateFromAnotherCa_RejectedAsUntrusted()
    {
        using var other = TestCertificates.Create("Another CA");
        using var client = other.IssueClient(Guid.NewGuid().ToString("D"));

        var result = await Resolver.ResolveAsync(client, CancellationToken.None);

        result.Rejection.Should().Be(AgentCertificateRejection.UntrustedChain);
    }

    [Fact]
    public async Task Resolve_IssuingCaCertificateItself_RejectedAsUntrusted()
    {
        var result = await Resolver.ResolveAsync(fixture.Host.Get<CertificateAuthority>().IssuingCertificate, CancellationToken.None);

        result.Rejection.Should().Be(AgentCertificateRejection.UntrustedChain);
    }

    [Fact]
    public async Task Resolve_ServerCertificate_RejectedAsNotForClients()
    {
        var result = await Resolver.ResolveAsync(fixture.Host.Get<CertificateAuthority>().ServerCertificate, CancellationToken.None);

        result.Rejection.Should().Be(AgentCertificateRejection.NotClientCertificate);
    }

    [Fact]
    public async Task Resolve_RevokedCertificate_Rejected()
    {
        var agent = await CreateAgentAsync(fixture.Host);
        using var certificate = await IssueAsync(fixture.Host, agent);
        await using (var db = fixture.Host.CreateDbContext())
        {
            var serial = certificate.SerialNumber;
            await db.IssuedCertificates.Where(c => c.SerialNumber == serial)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.RevokedAt, Timestamps.Now(TimeProvider.System)));
        }

        var result = await Resolver.ResolveAsync(certificate, CancellationToken.None);

        result.Rejection.Should().Be(AgentCertificateRejection.Revoked);
    }

    [Fact]
    public async Task CheckAtHandshake_RevokedOnAnotherNode_RefusedAfterRefresh()
    {
        var agent = await CreateAgentAsync(fixture.Host);
        using var certificate = await IssueAsync(fixture.Host, agent);
        Resolver.CheckAtHandshake(certificate).Should().BeNull();
        await using (var db = fixture.Host.CreateDbContext())
        {
            var serial = certificate.SerialNumber;
            await db.IssuedCertificates.Where(c => c.SerialNumber == serial)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.RevokedAt, Timestamps.Now(TimeProvider.System)));
        }

        await fixture.Host.Get<RevokedCertificateSet>().RefreshAsync(CancellationToken.None);

        Resolver.CheckAtHandshake(certificate).Should().Be(AgentCertificateRejection.Revoked);
    }

    [Fact]
    public void CheckAtHandshake_ForeignOrServerCertificate_Refused()
    {
        using var other = TestCertificates.Create("Handshake CA");
        using var foreign = other.IssueClient(Guid.NewGuid().ToString("D"));

        Resolver.CheckAtHandshake(foreign).Should().Be(AgentCertificateRejection.UntrustedChain);
        Resolver.CheckAtHandshake(fixture.Host.Get<CertificateAuthority>().ServerCertificate).Should().Be(AgentCertificateRejection.NotClientCertificate);
    }

    [Fact]
    public async Task Resolve_SignedButNotRegistered_RejectedAsUnknown()
    {
        var agent = await CreateAgentAsync(fixture.Host);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var db = fixture.Host.CreateDbContext();
        using var certificate = fixture.Host.Get<CertificateAuthority>().IssueAgentCertificate(db, agent, new PublicKey(key));

        var result = await Resolver.ResolveAsync(certificate, CancellationToken.None);

        result.Rejection.Should().Be(AgentCertificateRejection.UnknownSerial);
    }

    [Fact]
    public async Task Resolve_AfterExpiry_RejectedAsExpired()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await TrustHost.StartAsync(fixture.Database, timeProvider: clock);
        var agent = await CreateAgentAsync(host);
        using var certificate = await IssueAsync(host, agent);
        var resolver = host.Get<IAgentIdentityResolver>();
        (await resolver.ResolveAsync(certificate, CancellationToken.None)).IsValid.Should().BeTrue();

        clock.Advance(TimeSpan.FromDays(31));

        (await resolver.ResolveAsync(certificate, CancellationToken.None)).Rejection.Should().Be(AgentCertificateRejection.Expired);
    }

    [Fact]
    public async Task Resolve_AgentMovedToAnotherSite_RejectedAsNoIdentity()
    {
        var agent = await CreateAgentAsync(fixture.Host);
        using var certificate = await IssueAsync(fixture.Host, agent);
        var other = new Site { Id = Guid.NewGuid(), Name = "Moved " + Guid.NewGuid().ToString("N"), CreatedAt = Timestamps.Now(TimeProvider.System) };
        await using (var db = fixture.Host.CreateDbContext())
        {
            await SampleData.AddAsync(db, [other]);
            await db.Agents.Where(a => a.Id == agent.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.SiteId, other.Id));
        }

        var result = await Resolver.ResolveAsync(certificate, CancellationToken.None);

        result.Rejection.Should().Be(AgentCertificateRejection.NoAgentIdentity);
    }

    [Fact]
    public async Task RevocationList_RevokedCertificate_ListedAndSignedPerOpenSsl()
    {
        var agent = await CreateAgentAsync(fixture.Host);
        using var revoked = await IssueAsync(fixture.Host, agent);
        using var kept = await IssueAsync(fixture.Host, agent);
        await using (var db = fixture.Host.CreateDbContext())
        {
            var serial = revoked.SerialNumber;
            await db.IssuedCertificates.Where(c => c.SerialNumber == serial).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.RevokedAt, Timestamps.Now(TimeProvider.System))
                .SetProperty(c => c.RevocationReason, X509RevocationReason.KeyCompromise));
            await using var transaction = await db.Database.BeginTransactionAsync();
            await fixture.Host.Get<RevocationListPublisher>().PublishAsync(db, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var list = await fixture.Host.Get<RevocationListPublisher>().GetCurrentAsync(CancellationToken.None);

        var directory = Directory.CreateTempSubdirectory("proxus-crl-").FullName;
        try
        {
            var authority = fixture.Host.Get<CertificateAuthority>();
            var crl = Path.Combine(directory, "proxus.crl");
            var chain = Path.Combine(directory, "chain.pem");
            var leaf = Path.Combine(directory, "leaf.pem");
            await File.WriteAllBytesAsync(crl, list.Der);
            await File.WriteAllTextAsync(chain, authority.ChainPem);
            var (exit, output) = await OpenSsl.RunAsync("crl", "-inform", "DER", "-in", crl, "-CAfile", chain, "-noout", "-text");
            exit.Should().Be(0, output);
            output.Should().Contain("verify OK").And.Contain(revoked.SerialNumber).And.Contain("Key Compromise").And.NotContain(kept.SerialNumber);

            await File.WriteAllTextAsync(leaf, revoked.ExportCertificatePem());
            var crlPem = Path.Combine(directory, "proxus.crl.pem");
            await File.WriteAllTextAsync(crlPem, PemEncoding.WriteString("X509 CRL", list.Der));
            var verify = await OpenSsl.RunAsync("verify", "-crl_check", "-CAfile", chain, "-CRLfile", crlPem, "-purpose", "sslclient", leaf);
            verify.Output.Should().Contain("certificate revoked");
            await File.WriteAllTextAsync(leaf, kept.ExportCertificatePem());
            verify = await OpenSsl.RunAsync("verify", "-crl_check", "-CAfile", chain, "-CRLfile", crlPem, "-purpose", "sslclient", leaf);
            verify.ExitCode.Should().Be(0, verify.Output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task RevocationList_Republished_NumberIncreases()
    {
        var publisher = fixture.Host.Get<RevocationListPublisher>();
        await using var db = fixture.Host.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();

        var first = await publisher.PublishAsync(db, CancellationToken.None);
        var second = await publisher.PublishAsync(db, CancellationToken.None);
        await transaction.CommitAsync();

        second.Number.Should().Be(first.Number + 1);
        (await publisher.GetCurrentAsync(CancellationToken.None)).Number.Should().Be(second.Number);
    }

    private static async Task<Agent> CreateAgentAsync(TrustHost host)
    {
        var site = new Site { Id = Guid.NewGuid(), Name = "Site " + Guid.NewGuid().ToString("N"), CreatedAt = Timestamps.Now(TimeProvider.System) };
        var agent = new Agent { Id = Guid.NewGuid(), SiteId = site.Id, Name = "agent", CreatedAt = site.CreatedAt };
        await using var db = host.CreateDbContext();
        await SampleData.AddAsync(db, [site, agent]);
        return agent;
    }

    private static async Task<X509Certificate2> IssueAsync(TrustHost host, Agent agent)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var db = host.CreateDbContext();
        var certificate = host.Get<CertificateAuthority>().IssueAgentCertificate(db, agent, new PublicKey(key));
        await db.SaveChangesAsync();
        return certificate;
    }
}

public sealed class AgentIdentityResolverSqliteTests(SqliteTrustFixture fixture) : AgentIdentityResolverTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class AgentIdentityResolverPostgreSqlTests(PostgreSqlTrustFixture fixture) : AgentIdentityResolverTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
