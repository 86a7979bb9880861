using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Enrollment;

/// <summary>Enrollment and renewal over real HTTPS (Kestrel, our server certificate, client certificates).</summary>
public abstract class EnrollmentApiTests(TrustFixture fixture) : IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Enroll_ValidTokenAndCsr_ReturnsBoundCertificateChainAndSigningKey()
    {
        var (agent, token) = await CreateAgentWithTokenAsync();
        var (key, csr) = Csr.CreateEc($"CN={agent.Id:D}");
        using var _ = key;
        using var client = _server.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(token.Token, csr));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var enrolled = (await response.Content.ReadFromJsonAsync<EnrollmentResponse>())!;
        enrolled.AgentId.Should().Be(agent.Id);
        enrolled.SiteId.Should().Be(agent.SiteId);
        using var certificate = X509Certificate2.CreateFromPem(enrolled.CertificatePem);
        certificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().Should().Equal(key.ExportSubjectPublicKeyInfo());
        certificate.GetNameInfo(X509NameType.SimpleName, false).Should().Be(agent.Id.ToString("D"));
        certificate.SerialNumber.Should().Be(enrolled.SerialNumber);
        enrolled.ConfigurationSigningPublicKeyPem.Should().Be(_server.Get<CertificateAuthority>().ConfigurationSigningPublicKeyPem);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(enrolled.ChainPem);
        chain.Should().HaveCount(2);
        var resolved = await _server.Get<IAgentIdentityResolver>().ResolveAsync(certificate, CancellationToken.None);
        resolved.Identity.Should().Be(new AgentIdentity(agent.Id, agent.SiteId, certificate.SerialNumber, enrolled.NotAfter));
        (await AuditTypesForAsync($"agent:{agent.Id:D}")).Should().Contain([AuditEventTypes.EnrollmentTokenCreated, AuditEventTypes.EnrollmentSucceeded]);
    }

    [Fact]
    public async Task Enroll_TokenUsedTwice_SecondIs409ProblemAndAudited()
    {
        var (agent, token) = await CreateAgentWithTokenAsync();
        using var client = _server.CreateClient();
        (await EnrollAsync(client, token.Token)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var second = await EnrollAsync(client, token.Token);

        await ExpectProblemAsync(second, HttpStatusCode.Conflict, "token-used");
        (await AuditTypesForAsync($"agent:{agent.Id:D}")).Should().Contain(AuditEventTypes.EnrollmentRejected);
        await using var db = _server.CreateDbContext();
        (await db.IssuedCertificates.CountAsync(c => c.AgentId == agent.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Enroll_ConcurrentUsesOfOneToken_ExactlyOneSucceeds()
    {
        var (agent, token) = await CreateAgentWithTokenAsync();
        using var client = _server.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => EnrollAsync(client, token.Token)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(3);
        await using var db = _server.CreateDbContext();
        (await db.IssuedCertificates.CountAsync(c => c.AgentId == agent.Id)).Should().Be(1);
    }

    [Theory]
    [InlineData("pxe_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task Enroll_UnknownToken_401Problem(string token)
    {
        using var client = _server.CreateClient();

        using var response = await EnrollAsync(client, token);

        await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-token");
    }

    [Fact]
    public async Task Enroll_ExpiredToken_401ProblemAndAudited()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TrustWebHost.StartAsync(fixture.Database, clock);
        var (agent, token) = await CreateAgentWithTokenAsync(server, TimeSpan.FromMinutes(10));
        clock.Advance(TimeSpan.FromMinutes(11));
        using var client = server.CreateClient();

        using var response = await EnrollAsync(client, token.Token);

        await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "token-expired");
        (await AuditTypesForAsync($"agent:{agent.Id:D}")).Should().Contain(AuditEventTypes.EnrollmentRejected);
    }

    [Fact]
    public async Task Enroll_WeakCsr_400ProblemAndTokenStillUsable()
    {
        var (_, token) = await CreateAgentWithTokenAsync();
        using var client = _server.CreateClient();

        using var weak = await client.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(token.Token, Csr.CreateRsa(1024)));
        using var wrongSubject = await client.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(token.Token, Csr.CreateEc("CN=someone-else").Pem));

        var problem = await ExpectProblemAsync(weak, HttpStatusCode.BadRequest, "invalid-csr");
        problem.GetProperty("detail").GetString().Should().Contain("2048");
        await ExpectProblemAsync(wrongSubject, HttpStatusCode.BadRequest, "invalid-csr");
        (await EnrollAsync(client, token.Token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Enroll_OversizedBody_Refused413()
    {
        using var client = _server.CreateClient();
        using var content = new StringContent("{\"token\":\"" + new string('a', 200_000) + "\"}", System.Text.Encoding.UTF8, "application/json");

        using var response = await OversizedRequest.PostAsync(client, "/api/v1/enrollment", content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Enroll_AuditStoreUnavailable_503AndNothingIssued()
    {
        var (agent, token) = await CreateAgentWithTokenAsync();
        using var client = _server.CreateClient();
        await using var db = _server.CreateDbContext();
        await SchemaCatalog.ExecuteAsync(db, "ALTER TABLE audit_entries RENAME TO audit_entries_away");
        try
        {
            using var refused = await EnrollAsync(client, token.Token);

            await ExpectProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "audit-unavailable");
            (await db.IssuedCertificates.CountAsync(c => c.AgentId == agent.Id)).Should().Be(0);
        }
        finally
        {
            await SchemaCatalog.ExecuteAsync(db, "ALTER TABLE audit_entries_away RENAME TO audit_entries");
        }

        (await EnrollAsync(client, token.Token)).StatusCode.Should().Be(HttpStatusCode.OK, "the refused attempt did not use up the token");
    }

    [Fact]
    public async Task Renew_WithCurrentClientCertificate_IssuesNewCertificate()
    {
        var (agent, certificate) = await EnrollNewAgentAsync();
        using var client = _server.CreateClient(certificate);
        var (key, csr) = Csr.CreateEc();
        using var _ = key;

        using var response = await client.PostAsJsonAsync("/api/v1/certificates/renewal", new RenewalRequest(csr));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var renewed = (await response.Content.ReadFromJsonAsync<EnrollmentResponse>())!;
        renewed.AgentId.Should().Be(agent.Id);
        renewed.SerialNumber.Should().NotBe(certificate.SerialNumber);
        using var fresh = X509Certificate2.CreateFromPem(renewed.CertificatePem);
        fresh.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().Should().Equal(key.ExportSubjectPublicKeyInfo());
        (await AuditTypesForAsync($"agent:{agent.Id:D}")).Should().Contain(AuditEventTypes.CertificateRenewed);
    }

    [Fact]
    public async Task Renew_WithoutClientCertificate_401Problem()
    {
        using var client = _server.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/certificates/renewal", new RenewalRequest(Csr.CreateEc().Pem));

        await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "client-certificate-refused");
    }

    [Fact]
    public async Task Renew_CertificateFromAnotherCa_401Problem()
    {
        using var other = TestCertificates.Create("Foreign CA");
        using var foreign = other.IssueClient(Guid.NewGuid().ToString("D"));
        using var client = _server.CreateClient(foreign);

        using var response = await client.PostAsJsonAsync("/api/v1/certificates/renewal", new RenewalRequest(Csr.CreateEc().Pem));

        var problem = await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "client-certificate-refused");
        problem.GetProperty("detail").GetString().Should().Contain(nameof(AgentCertificateRejection.UntrustedChain));
    }

    [Fact]
    public async Task Renew_AfterRevocation_401ProblemAndListenerToldAndCrlLists()
    {
        var (agent, certificate) = await EnrollNewAgentAsync();
        var revoked = await _server.Get<EnrollmentService>().RevokeCertificateAsync(certificate.SerialNumber, X509RevocationReason.KeyCompromise, "admin:test", CancellationToken.None);
        revoked.Should().BeTrue();
        using var client = _server.CreateClient(certificate);

        using var response = await client.PostAsJsonAsync("/api/v1/certificates/renewal", new RenewalRequest(Csr.CreateEc().Pem));

        var problem = await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "client-certificate-refused");
        problem.GetProperty("detail").GetString().Should().Contain(nameof(AgentCertificateRejection.Revoked));
        _server.RevocationListener.Revoked.Should().Contain((certificate.SerialNumber, agent.Id));
        (await _server.Get<EnrollmentService>().RevokeCertificateAsync(certificate.SerialNumber, X509RevocationReason.KeyCompromise, "admin:test", CancellationToken.None)).Should().BeFalse();
        using var crl = await client.GetAsync("/api/v1/pki/crl");
        crl.Content.Headers.ContentType!.MediaType.Should().Be("application/pkix-crl");
        var der = await crl.Content.ReadAsByteArrayAsync();
        der.AsSpan().IndexOf(Convert.FromHexString(certificate.SerialNumber)).Should().BeGreaterThan(0, "the CRL lists the revoked serial");
        (await AuditTypesForAsync($"certificate:{certificate.SerialNumber}")).Should().Contain(AuditEventTypes.CertificateRevoked);
    }

    [Fact]
    public async Task GetCaChain_Anonymous_ReturnsIssuingAndRoot()
    {
        using var client = _server.CreateClient();

        var pem = await client.GetStringAsync("/api/v1/pki/ca");

        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(pem);
        chain.Select(c => c.Thumbprint).Should().Equal(_server.Get<CertificateAuthority>().IssuingCertificate.Thumbprint, _server.Get<CertificateAuthority>().RootCertificate.Thumbprint);
    }

    private async Task<(Agent Agent, IssuedEnrollmentToken Token)> CreateAgentWithTokenAsync() => await CreateAgentWithTokenAsync(_server, null);

    private static async Task<(Agent Agent, IssuedEnrollmentToken Token)> CreateAgentWithTokenAsync(TrustWebHost server, TimeSpan? lifetime)
    {
        var fleet = server.Get<FleetService>();
        var site = await fleet.CreateSiteAsync("Site " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);
        var agent = await fleet.CreateAgentAsync(site.Id, "press-agent", "admin:test", CancellationToken.None);
        var token = await server.Get<EnrollmentService>().CreateTokenAsync(agent.Id, "admin:test", lifetime, CancellationToken.None);
        return (agent, token);
    }

    private async Task<(Agent Agent, X509Certificate2 Certificate)> EnrollNewAgentAsync()
    {
        var (agent, token) = await CreateAgentWithTokenAsync();
        var (key, csr) = Csr.CreateEc();
        using var client = _server.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(token.Token, csr));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var enrolled = (await response.Content.ReadFromJsonAsync<EnrollmentResponse>())!;
        using var publicOnly = X509Certificate2.CreateFromPem(enrolled.CertificatePem);
        return (agent, publicOnly.CopyWithPrivateKey(key));
    }

    private static Task<HttpResponseMessage> EnrollAsync(HttpClient client, string token)
        => client.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(token, Csr.CreateEc().Pem));

    private static async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().EndWith(":" + type);
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        return problem;
    }

    private async Task<List<string>> AuditTypesForAsync(string subject)
    {
        await using var db = _server.CreateDbContext();
        return await db.AuditEntries.Where(e => e.Subject == subject).Select(e => e.Type).ToListAsync();
    }
}

public sealed class EnrollmentApiSqliteTests(SqliteTrustFixture fixture) : EnrollmentApiTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class EnrollmentApiPostgreSqlTests(PostgreSqlTrustFixture fixture) : EnrollmentApiTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
