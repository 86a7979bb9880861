using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;
using Proxus.Server.Fleet;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Pki;

public abstract class CertificateAuthorityTests(TrustFixture fixture)
{
    private CertificateAuthority Authority => fixture.Host.Get<CertificateAuthority>();

    [Fact]
    public void Initialize_FirstStart_CreatesEcdsaRootAndIssuingCa()
    {
        var root = Authority.RootCertificate;
        var issuing = Authority.IssuingCertificate;

        root.SubjectName.RawData.Should().Equal(root.IssuerName.RawData);
        root.GetECDsaPublicKey()!.KeySize.Should().Be(256);
        root.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeTrue();
        issuing.IssuerName.RawData.Should().Equal(root.SubjectName.RawData);
        issuing.GetECDsaPublicKey()!.KeySize.Should().Be(256);
        var constraints = issuing.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        constraints.CertificateAuthority.Should().BeTrue();
        constraints.PathLengthConstraint.Should().Be(0);
        root.HasPrivateKey.Should().BeFalse("the root key stays encrypted in the database once the issuing CA exists");
    }

    [Fact]
    public void ServerCertificate_FirstStart_IssuedByIssuingCaForLoopbackNames()
    {
        var server = Authority.ServerCertificate;

        server.HasPrivateKey.Should().BeTrue();
        server.IssuerName.RawData.Should().Equal(Authority.IssuingCertificate.SubjectName.RawData);
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        names.EnumerateDnsNames().Should().Contain("localhost");
        names.EnumerateIPAddresses().Select(a => a.ToString()).Should().Contain(["127.0.0.1", "::1"]);
        server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).Should().Equal("1.3.6.1.5.5.7.3.1");
        BuildChain(server, "1.3.6.1.5.5.7.3.1").Should().BeTrue();
    }

    [Fact]
    public async Task Initialize_SecondStart_ReusesTheSameKeys()
    {
        await using var second = await TrustHost.StartAsync(fixture.Database);
        var authority = second.Get<CertificateAuthority>();

        authority.RootCertificate.Thumbprint.Should().Be(Authority.RootCertificate.Thumbprint);
        authority.IssuingCertificate.Thumbprint.Should().Be(Authority.IssuingCertificate.Thumbprint);
        authority.ServerCertificate.Thumbprint.Should().Be(Authority.ServerCertificate.Thumbprint);
        authority.ConfigurationSigningPublicKeyPem.Should().Be(Authority.ConfigurationSigningPublicKeyPem);
    }

    [Fact]
    public async Task Initialize_WrongKeyEncryptionKey_RefusesToStart()
    {
        var start = () => TrustHost.StartAsync(fixture.Database, settings => settings["Pki:KeyEncryptionKey"] = new string('x', 40));

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*cannot be decrypted*");
    }

    [Fact]
    public async Task Initialize_HostNamesChanged_IssuesNewServerCertificateWithThem()
    {
        var database = await fixture.CreateDatabaseAsync();
        string first;
        await using (var host = await TrustHost.StartAsync(database))
        {
            first = host.Get<CertificateAuthority>().ServerCertificate.Thumbprint;
        }

        await using var renamed = await TrustHost.StartAsync(database, settings =>
        {
            settings["Pki:ServerHostNames:0"] = "proxus.example.test";
            settings["Pki:ServerHostNames:1"] = "10.1.2.3";
        });

        var server = renamed.Get<CertificateAuthority>().ServerCertificate;
        server.Thumbprint.Should().NotBe(first);
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        names.EnumerateDnsNames().Should().Contain(["proxus.example.test", "localhost"]);
        names.EnumerateIPAddresses().Select(a => a.ToString()).Should().Contain(["10.1.2.3", "127.0.0.1"]);
        server.GetNameInfo(X509NameType.SimpleName, false).Should().Be("proxus.example.test");
    }

    [Fact]
    public async Task IssueAgentCertificate_DefaultOptions_BindsAgentAndSiteForThirtyDays()
    {
        var agent = await CreateAgentAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        using var certificate = await IssueAsync(agent, key);

        certificate.GetNameInfo(X509NameType.SimpleName, false).Should().Be(agent.Id.ToString("D"));
        var lifetime = certificate.NotAfter - certificate.NotBefore;
        lifetime.Should().BeCloseTo(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        SubjectAlternativeNames.ReadUris(extension.RawData).Should().Equal(AgentCertificateUri.Create(agent.Id, agent.SiteId));
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).Should().Equal("1.3.6.1.5.5.7.3.2");
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeFalse();
        certificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().Should().Equal(key.ExportSubjectPublicKeyInfo());
        BuildChain(certificate, "1.3.6.1.5.5.7.3.2").Should().BeTrue();
    }

    [Fact]
    public async Task IssueAgentCertificate_ConfiguredLifetime_IsHonoured()
    {
        await using var host = await TrustHost.StartAsync(fixture.Database, settings => settings["Pki:AgentCertificateLifetime"] = "2.00:00:00");
        var agent = await CreateAgentAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var db = host.CreateDbContext();

        using var certificate = host.Get<CertificateAuthority>().IssueAgentCertificate(db, agent, new PublicKey(key));

        (certificate.NotAfter - certificate.NotBefore).Should().BeCloseTo(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task IssueAgentCertificate_ManyTimes_SerialsUniqueAndRegistered()
    {
        var agent = await CreateAgentAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serials = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            using var certificate = await IssueAsync(agent, key);
            serials.Add(certificate.SerialNumber);
        }

        serials.Should().OnlyHaveUniqueItems();
        serials.Should().AllSatisfy(s => s.Should().HaveLength(32));
        await using var db = fixture.Host.CreateDbContext();
        (await db.IssuedCertificates.CountAsync(c => c.AgentId == agent.Id)).Should().Be(40);
    }

    [Fact]
    public void SignConfiguration_Data_VerifiesWithPublishedPublicKey()
    {
        var data = "{\"version\":7}"u8.ToArray();

        var signature = Authority.SignConfiguration(data);

        using var verifier = ECDsa.Create();
        verifier.ImportFromPem(Authority.ConfigurationSigningPublicKeyPem);
        verifier.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeTrue();
        data[0] ^= 1;
        verifier.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeFalse();
    }

    [Fact]
    public async Task StoredCredentials_AllPrivateKeys_AreEncryptedPkcs8()
    {
        await using var db = fixture.Host.CreateDbContext();
        var credentials = await db.PkiCredentials.ToListAsync();

        credentials.Select(c => c.Purpose).Should().Contain([PkiCredentialPurpose.RootCa, PkiCredentialPurpose.IssuingCa, PkiCredentialPurpose.ServerTls, PkiCredentialPurpose.ConfigurationSigning, PkiCredentialPurpose.AuditSigning]);
        foreach (var credential in credentials)
        {
            using var probe = ECDsa.Create();
            var importPlain = () => probe.ImportPkcs8PrivateKey(credential.EncryptedPrivateKey, out _);
            importPlain.Should().Throw<CryptographicException>($"the {credential.Purpose} key is not stored as plain PKCS#8");
            using var key = fixture.Host.Get<PrivateKeyProtector>().UnprotectECDsa(credential.EncryptedPrivateKey);
            key.ExportSubjectPublicKeyInfo().Should().Equal(credential.PublicKey);
        }
    }

    protected async Task<Agent> CreateAgentAsync()
    {
        var site = new Site { Id = Guid.NewGuid(), Name = "Site " + Guid.NewGuid().ToString("N"), CreatedAt = Timestamps.Now(TimeProvider.System) };
        var agent = new Agent { Id = Guid.NewGuid(), SiteId = site.Id, Name = "agent", CreatedAt = site.CreatedAt };
        await using var db = fixture.Host.CreateDbContext();
        await SampleData.AddAsync(db, [site, agent]);
        return agent;
    }

    protected async Task<X509Certificate2> IssueAsync(Agent agent, ECDsa key)
    {
        await using var db = fixture.Host.CreateDbContext();
        var certificate = Authority.IssueAgentCertificate(db, agent, new PublicKey(key));
        await db.SaveChangesAsync();
        return certificate;
    }

    private bool BuildChain(X509Certificate2 certificate, string usage)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority.RootCertificate);
        chain.ChainPolicy.ExtraStore.Add(Authority.IssuingCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usage));
        return chain.Build(certificate);
    }
}

public sealed class CertificateAuthoritySqliteTests(SqliteTrustFixture fixture) : CertificateAuthorityTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class CertificateAuthorityPostgreSqlTests(PostgreSqlTrustFixture fixture) : CertificateAuthorityTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
