using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Monitoring;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Monitoring;

/// <summary>A revoked certificate presented over HTTPS (agent configuration API, renewal) raises the revoked-certificate alert.</summary>
public sealed class RevokedCertificateAlertTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AgentApi_RevokedCertificate_CriticalAlertWithSource()
    {
        using var certificate = await EnrollAsync();
        (await _server.Get<EnrollmentService>().RevokeCertificateAsync(certificate.SerialNumber, X509RevocationReason.KeyCompromise, "admin:test", CancellationToken.None)).Should().BeTrue();
        using var client = _server.CreateClient(certificate);

        using var response = await client.GetAsync("/api/v1/agent/config");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var alert = await AlertProbe.WaitForAsync(_server.CreateDbContext, AlertRules.RevokedCertificate, $"certificate:{certificate.SerialNumber}");
        alert.Severity.Should().Be(AlertSeverity.Critical);
        alert.Source.Should().Be("127.0.0.1");
        alert.Details.Should().Contain("agent-api");
    }

    [Fact]
    public async Task AgentApi_ValidCertificate_NoAlert()
    {
        using var certificate = await EnrollAsync();
        using var client = _server.CreateClient(certificate);

        using var response = await client.GetAsync("/api/v1/agent/config");

        response.StatusCode.Should().NotBe(HttpStatusCode.Forbidden);
        var marker = "write-request:" + Guid.NewGuid().ToString("N");
        _server.Get<ISecurityEventSink>().Raise(new SecurityEvent(SecurityEventType.WriteOutsideWindow, marker));
        await AlertProbe.WaitForAsync(_server.CreateDbContext, AlertRules.WriteOutsideWindow, marker);
        (await AlertProbe.AllAsync(_server.CreateDbContext, $"certificate:{certificate.SerialNumber}")).Should().BeEmpty();
    }

    private async Task<X509Certificate2> EnrollAsync()
    {
        var fleet = _server.Get<FleetService>();
        var site = await fleet.CreateSiteAsync("Site " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);
        var agent = await fleet.CreateAgentAsync(site.Id, "edge-" + Guid.NewGuid().ToString("N")[..8], "admin:test", CancellationToken.None);
        var token = await _server.Get<EnrollmentService>().CreateTokenAsync(agent.Id, "admin:test", null, CancellationToken.None);
        var (key, csr) = Csr.CreateEc();
        using var client = _server.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(token.Token, csr));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var enrolled = (await response.Content.ReadFromJsonAsync<EnrollmentResponse>())!;
        using var publicOnly = X509Certificate2.CreateFromPem(enrolled.CertificatePem);
        return publicOnly.CopyWithPrivateKey(key);
    }
}
