using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Audit;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Fleet;

/// <summary>
/// Deleting an agent that can no longer connect: gone from the fleet views and from issuance, its
/// name free again, while the audit log, its certificates (on the CRL) and its other records stay.
/// </summary>
public abstract class AgentDeletionTests(TrustFixture fixture) : IAsyncLifetime
{
    private TrustWebHost _server = null!;
    private HttpClient _admin = null!;

    private FleetService Fleet => _server.Get<FleetService>();

    public async Task InitializeAsync()
    {
        _server = await TrustWebHost.StartAsync(fixture.Database);
        var admin = await Iam.CreateUserAsync(_server, [Roles.Admin]);
        _admin = await Iam.SignInAsync(_server, admin.UserName);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Delete_NeverEnrolledAgent_204GoneFromApiTokensExpiredAndAudited()
    {
        var site = await Fleet.CreateSiteAsync("Site " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);
        var agent = await Fleet.CreateAgentAsync(site.Id, "typo-edge", "admin:test", CancellationToken.None);
        var token = await _server.Get<EnrollmentService>().CreateTokenAsync(agent.Id, "admin:test", null, CancellationToken.None);

        using var response = await _admin.DeleteAsync($"/api/v1/agents/{agent.Id:D}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        (await _admin.GetAsync($"/api/v1/agents/{agent.Id:D}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _admin.GetFromJsonAsync<List<AgentResponse>>($"/api/v1/sites/{site.Id:D}/agents")).Should().BeEmpty();
        (await _admin.DeleteAsync($"/api/v1/agents/{agent.Id:D}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "it is deleted already");
        using var enroll = await _server.CreateClient().PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(token.Token, Csr.CreateEc().Pem));
        enroll.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "its unused token expired with it");
        var newToken = () => _server.Get<EnrollmentService>().CreateTokenAsync(agent.Id, "admin:test", null, CancellationToken.None);
        await newToken.Should().ThrowAsync<KeyNotFoundException>();
        await using var db = _server.CreateDbContext();
        (await db.Agents.SingleAsync(a => a.Id == agent.Id)).DeletedAt.Should().NotBeNull("the row stays for the records that name it");
        var deleted = await db.AuditEntries.SingleAsync(e => e.Subject == $"agent:{agent.Id:D}" && e.Type == AuditEventTypes.AgentDeleted);
        deleted.Actor.Should().StartWith("user:");
        deleted.Data.Should().Contain("typo-edge").And.Contain("\"expiredTokens\":\"1\"");
    }

    [Fact]
    public async Task Delete_AgentWithLiveCertificate_409AndKept()
    {
        var (agent, _) = await EnrollNewAgentAsync();

        using var response = await _admin.DeleteAsync($"/api/v1/agents/{agent.Id:D}");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().Be("urn:proxus:problem:agent-not-revoked");
        (await _admin.GetAsync($"/api/v1/agents/{agent.Id:D}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = _server.CreateDbContext();
        (await db.AuditEntries.AnyAsync(e => e.Subject == $"agent:{agent.Id:D}" && e.Type == AuditEventTypes.AgentDeleted)).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_RevokedAgent_CrlStillListsItsSerialAndItsNameIsFree()
    {
        var (agent, certificate) = await EnrollNewAgentAsync();
        (await _admin.PostAsJsonAsync($"/api/v1/agents/{agent.Id:D}/revoke", new RevokeAgentRequest(null))).StatusCode.Should().Be(HttpStatusCode.OK);

        using var response = await _admin.DeleteAsync($"/api/v1/agents/{agent.Id:D}");
        var again = await Fleet.CreateAgentAsync(agent.SiteId, agent.Name, "admin:test", CancellationToken.None);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var crl = await _server.CreateClient().GetByteArrayAsync("/api/v1/pki/crl");
        crl.AsSpan().IndexOf(Convert.FromHexString(certificate.SerialNumber)).Should().BeGreaterThan(0, "the revoked serial stays on the CRL");
        again.Id.Should().NotBe(agent.Id);
        (await _admin.GetFromJsonAsync<List<AgentResponse>>($"/api/v1/sites/{agent.SiteId:D}/agents")).Should().ContainSingle().Which.Id.Should().Be(again.Id);
        await using var db = _server.CreateDbContext();
        (await db.IssuedCertificates.SingleAsync(c => c.SerialNumber == certificate.SerialNumber)).AgentId.Should().Be(agent.Id);
        (await db.AuditEntries.SingleAsync(e => e.Subject == $"agent:{agent.Id:D}" && e.Type == AuditEventTypes.AgentDeleted)).Data.Should().Contain(certificate.SerialNumber);
    }

    [Fact]
    public async Task Delete_AgentOfSiteWithTagMap_GetsNoMoreConfigurations()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml(boilerHost: "10.0.0.6"));
        (await Fleet.DeleteAgentAsync(scenario.Second.Id, "admin:test", CancellationToken.None)).Should().Be(AgentDeletion.Deleted);

        // The tag map must no longer name the deleted agent: its connections are refused until removed.
        var naming = await scenario.ImportYamlAsync(scenario.Yaml(boilerHost: "10.0.0.7"));
        await scenario.Configs.RenewDueAsync(CancellationToken.None);

        naming.Status.Should().Be(Proxus.Server.Configuration.TagMapChangeStatus.Rejected);
        naming.Errors.Should().Contain(e => e.Message.Contains("edge-02", StringComparison.Ordinal));
        (await scenario.EnvelopesAsync(scenario.Second.Id)).Should().ContainSingle("the envelope issued before stays; no new one is issued");
    }

    private async Task<(Agent Agent, X509Certificate2 Certificate)> EnrollNewAgentAsync()
    {
        var site = await Fleet.CreateSiteAsync("Site " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);
        var agent = await Fleet.CreateAgentAsync(site.Id, "old-edge", "admin:test", CancellationToken.None);
        var token = await _server.Get<EnrollmentService>().CreateTokenAsync(agent.Id, "admin:test", null, CancellationToken.None);
        var (key, csr) = Csr.CreateEc();
        using var client = _server.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(token.Token, csr));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var enrolled = (await response.Content.ReadFromJsonAsync<EnrollmentResponse>())!;
        using var publicOnly = X509Certificate2.CreateFromPem(enrolled.CertificatePem);
        return (agent, publicOnly.CopyWithPrivateKey(key));
    }
}

public sealed class AgentDeletionSqliteTests(SqliteTrustFixture fixture) : AgentDeletionTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class AgentDeletionPostgreSqlTests(PostgreSqlTrustFixture fixture) : AgentDeletionTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
