using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Audit;
using Proxus.Server.Identity;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Mqtt;

/// <summary>
/// Machine-client certificates against mosquitto's clients on the TLS port: issued by the Admin
/// API, read-only on the UNS, refused outside it, revoked with the client.
/// </summary>
public sealed class MachineClientCertificateTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database, withBroker: true));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MosquittoSub_MachineClientCertificate_ReceivesUnsValueAndPublishIsRefused()
    {
        using var agent = await AgentCredentials.EnrollAsync(_server, NewPrefix());
        var topic = agent.UnsPrefix + "/Press/Line1/Press_Machine/Temperature_C";
        var published = await Mosquitto.PubAsync([.. agent.Arguments(_server.MqttTlsPort), "-q", "1", "-r", "-t", topic, "-m", "{\"value\":72.4}"]);
        published.ExitCode.Should().Be(0, published.Output());
        using var consumer = await MachineClientCredentials.IssueAsync(_server);

        await using var sub = Mosquitto.Sub([.. consumer.Arguments(_server.MqttTlsPort), "-t", agent.UnsPrefix + "/#", "-q", "1", "-C", "1", "-W", "60", "-F", "%t %p"]);
        await sub.WaitForOutputAsync($"{topic} {{\"value\":72.4}}", Mosquitto.Timeout);
        var denied = await Mosquitto.PubAsync([.. consumer.Arguments(_server.MqttTlsPort), "-q", "1", "-t", topic, "-m", "{\"value\":0}"]);

        denied.Output().Should().Contain("received PUBACK (Mid: 1, RC:135)");
        var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAclDenied, e => e.Actor == $"client:{consumer.ClientId}" && e.Subject == $"topic:{topic}");
        entry.Data.Should().Contain("\"kind\":\"Publish\"");
    }

    [Fact]
    public async Task MosquittoSub_CommandResultsOrWildcardFilters_NotAuthorizedAndAudited()
    {
        using var consumer = await MachineClientCredentials.IssueAsync(_server);

        await using var sub = Mosquitto.Sub([.. consumer.Arguments(_server.MqttTlsPort), "-t", "proxus/agents/+/command", "-t", "proxus/agents/+/results", "-t", "#", "-t", "+/SiteA/#", "-q", "1", "-W", "60"]);

        await sub.WaitForOutputAsync("Subscribed (mid: 1): 135, 135, 135, 135", Mosquitto.Timeout);
        var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAclDenied, e => e.Actor == $"client:{consumer.ClientId}" && e.Subject == "topic:proxus/agents/+/results");
        entry.Data.Should().Contain("\"kind\":\"Subscribe\"");
    }

    [Fact]
    public async Task Connect_AnotherClientId_RefusedWithClientIdentifierNotValid()
    {
        using var consumer = await MachineClientCredentials.IssueAsync(_server);

        var pub = await Mosquitto.PubAsync([.. consumer.Arguments(_server.MqttTlsPort, clientId: Guid.NewGuid().ToString("D")), "-t", "Acme/x", "-m", "x"]);

        pub.ExitCode.Should().NotBe(0);
        pub.Output().Should().Contain("received CONNACK (133)");
        var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAuthenticationFailed, e => e.Subject == $"certificate:{consumer.Certificate.SerialNumber}");
        entry.Data.Should().Contain("\"reason\":\"ClientIdMismatch\"");
    }

    [Fact]
    public async Task Connect_ClientIdWithSuffix_Accepted()
    {
        using var consumer = await MachineClientCredentials.IssueAsync(_server);

        await using var sub = Mosquitto.Sub([.. consumer.Arguments(_server.MqttTlsPort, clientId: consumer.ClientId + "-erp-2"), "-t", "Acme/#", "-q", "1", "-W", "60"]);

        await sub.WaitForOutputAsync("Subscribed (mid: 1): 1", Mosquitto.Timeout);
    }

    [Fact]
    public async Task RevokeClient_LiveSession_DroppedAndLaterHandshakesRefused()
    {
        using var consumer = await MachineClientCredentials.IssueAsync(_server);
        await using var sub = Mosquitto.Sub([.. consumer.Arguments(_server.MqttTlsPort), "-t", "Acme/#", "-q", "1"]);
        await sub.WaitForOutputAsync("Subscribed (mid: 1): 1", Mosquitto.Timeout);

        var clock = Stopwatch.StartNew();
        var revoked = await _server.Get<MachineClientService>().RevokeAsync(consumer.Client.Client.ClientId, "admin:test", CancellationToken.None);
        await sub.WaitForOutputAsync("Received DISCONNECT (152)", TimeSpan.FromSeconds(30));

        revoked.Should().BeTrue();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "revoking the client ends its live sessions at once (bounded generously for a loaded 2-core machine)");
        var pub = await Mosquitto.PubAsync([.. consumer.Arguments(_server.MqttTlsPort), "-t", "Acme/x", "-m", "x"]);
        pub.ExitCode.Should().NotBe(0);
        pub.Output().Should().NotContain("CONNACK");
        var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAuthenticationFailed, e => e.Subject == $"certificate:{consumer.Certificate.SerialNumber}");
        entry.Data.Should().Contain("\"reason\":\"Revoked\"").And.Contain("\"stage\":\"tls\"");
        await using var db = _server.CreateDbContext();
        (await db.IssuedCertificates.SingleAsync(c => c.SerialNumber == consumer.Certificate.SerialNumber)).RevokedAt.Should().NotBeNull();
        var crl = await _server.Get<RevocationListPublisher>().GetCurrentAsync(CancellationToken.None);
        CertificateRevocationListBuilder.Load(crl.Der, out _).RemoveEntry(Convert.FromHexString(consumer.Certificate.SerialNumber)).Should().BeTrue("the CRL lists the revoked client certificate");
    }

    [Fact]
    public async Task IssueCertificate_FromCsr_BoundToClientAndNoKeyReturned()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.UnsRead);
        using var http = await AdminAsync();
        var (key, csr) = Csr.CreateEc();
        using (key)
        {
            using var response = await http.PostAsJsonAsync($"/api/v1/clients/{client.Client.ClientId:D}/certificate", new IssueClientCertificateRequest(csr));

            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var issued = (await response.Content.ReadFromJsonAsync<IssuedClientCertificate>())!;
            issued.PrivateKeyPem.Should().BeNull();
            using var certificate = X509Certificate2.CreateFromPem(issued.CertificatePem);
            certificate.Subject.Should().Be($"CN={client.Client.ClientId:D}");
            certificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().Should().Equal(key.ExportSubjectPublicKeyInfo());
            SubjectAlternativeNames.ReadUris(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().RawData)
                .Should().ContainSingle().Which.OriginalString.Should().Be($"urn:proxus:client:{client.Client.ClientId:D}");
            await AuditProbe.WaitForAsync(_server.CreateDbContext, IamAuditEventTypes.ClientCertificateIssued, e => e.Subject == $"client:{client.Client.ClientId:D}" && e.Data.Contains("\"keySource\":\"csr\""));
        }
    }

    [Fact]
    public async Task IssueCertificate_CsrForAnotherSubjectOrClientWithoutUnsRead_BadRequest()
    {
        var reader = await Iam.CreateMachineClientAsync(_server, Scopes.UnsRead);
        var historian = await Iam.CreateMachineClientAsync(_server, Scopes.HistoryRead);
        using var http = await AdminAsync();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var foreignCsr = new CertificateRequest($"CN={Guid.NewGuid():D}", other, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        using var wrongSubject = await http.PostAsJsonAsync($"/api/v1/clients/{reader.Client.ClientId:D}/certificate", new IssueClientCertificateRequest(foreignCsr));
        using var noScope = await http.PostAsJsonAsync($"/api/v1/clients/{historian.Client.ClientId:D}/certificate", new IssueClientCertificateRequest(null));
        using var garbage = await http.PostAsJsonAsync($"/api/v1/clients/{reader.Client.ClientId:D}/certificate", new IssueClientCertificateRequest(new string('A', 20_000)));

        wrongSubject.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        noScope.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        garbage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await using var db = _server.CreateDbContext();
        (await db.IssuedCertificates.CountAsync(c => c.MachineClientId == reader.Client.ClientId || c.MachineClientId == historian.Client.ClientId)).Should().Be(0);
    }

    [Fact]
    public async Task IssueCertificate_UnknownOrRevokedClient_NotFound()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.UnsRead);
        await _server.Get<MachineClientService>().RevokeAsync(client.Client.ClientId, "admin:test", CancellationToken.None);
        using var http = await AdminAsync();

        using var revoked = await http.PostAsJsonAsync($"/api/v1/clients/{client.Client.ClientId:D}/certificate", new IssueClientCertificateRequest(null));
        using var unknown = await http.PostAsJsonAsync($"/api/v1/clients/{Guid.NewGuid():D}/certificate", new IssueClientCertificateRequest(null));

        revoked.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await Iam.CreateUserAsync(_server, [Roles.Admin]);
        return await Iam.SignInAsync(_server, admin.UserName);
    }

    private static string NewPrefix() => "Acme/Site" + Guid.NewGuid().ToString("N")[..12];
}
