using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Audit;
using Proxus.Server.Enrollment;
using Proxus.Server.Mqtt;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Mqtt;

/// <summary>
/// The broker's TLS port against mosquitto's clients: certificates refused at the handshake and
/// audited, revocation dropping a live session, the client-id binding; on SQLite and on a real
/// PostgreSQL (the enrollment path is <see cref="MqttEnrollmentEndToEndTests"/>).
/// </summary>
public abstract class MqttMutualTlsTests(TrustFixture fixture) : IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database, withBroker: true));

    public Task DisposeAsync() => Task.CompletedTask;

    private string Port => _server.MqttTlsPort.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Connect_WithoutClientCertificate_RefusedAtHandshakeAndAudited()
    {
        using var chain = new TemporaryPem(_server.Get<CertificateAuthority>().ChainPem);

        var pub = await Mosquitto.PubAsync("-h", "127.0.0.1", "-p", Port, "-V", "mqttv5", "--cafile", chain.Path, "-t", "Acme/x", "-m", "x");

        pub.ExitCode.Should().NotBe(0);
        pub.Output().Should().NotContain("CONNACK");
        var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAuthenticationFailed, e => e.Data.Contains("\"reason\":\"NoCertificate\"") && e.Data.Contains("\"stage\":\"tls\""));
        entry.Data.Should().Contain("127.0.0.1:");
    }

    [Fact]
    public async Task Connect_SelfSignedCertificateClaimingAnAgent_RefusedAtHandshakeAndAudited()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var agentId = Guid.NewGuid();
        var request = new CertificateRequest($"CN={agentId:D}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(AgentCertificateUri.Create(agentId, Guid.NewGuid()));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));

        await ExpectRefusedAtHandshakeAsync(selfSigned, agentId.ToString("D"), nameof(AgentCertificateRejection.UntrustedChain));
    }

    [Fact]
    public async Task Connect_CertificateFromAnotherCa_RefusedAtHandshakeAndAudited()
    {
        using var other = TestCertificates.Create("Another CA");
        using var foreign = other.IssueClient(Guid.NewGuid().ToString("D"));

        await ExpectRefusedAtHandshakeAsync(foreign, "intruder", nameof(AgentCertificateRejection.UntrustedChain));
    }

    [Fact]
    public async Task Connect_ExpiredCertificate_RefusedAtHandshakeAndAudited()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TrustWebHost.StartAsync(fixture.Database, clock, withBroker: true);
        using var agent = await AgentCredentials.EnrollAsync(server, unsPrefix: null);

        clock.Advance(TimeSpan.FromDays(31));
        var pub = await Mosquitto.PubAsync([.. agent.Arguments(server.MqttTlsPort), "-t", AgentTopics.Status(agent.Agent.Id), "-m", "late"]);

        pub.ExitCode.Should().NotBe(0);
        pub.Output().Should().NotContain("CONNACK");
        var entry = await AuditProbe.WaitForAsync(server.CreateDbContext, AuditEventTypes.MqttAuthenticationFailed, e => e.Subject == $"certificate:{agent.Certificate.SerialNumber}");
        entry.Data.Should().Contain("\"reason\":\"Expired\"").And.Contain("\"stage\":\"tls\"");
    }

    [Fact]
    public async Task Revoke_LiveSession_DroppedAtOnceAndLaterHandshakesRefused()
    {
        using var agent = await AgentCredentials.EnrollAsync(_server, unsPrefix: null);
        await using var sub = Mosquitto.Sub([.. agent.Arguments(_server.MqttTlsPort), "-t", AgentTopics.Command(agent.Agent.Id), "-q", "1"]);
        await sub.WaitForOutputAsync("Subscribed (mid: 1): 1", Mosquitto.Timeout);

        var clock = Stopwatch.StartNew();
        var revoked = await _server.Get<EnrollmentService>().RevokeCertificateAsync(agent.Certificate.SerialNumber, X509RevocationReason.KeyCompromise, "admin:test", CancellationToken.None);
        await sub.WaitForOutputAsync("Received DISCONNECT (152)", TimeSpan.FromSeconds(30));
        var dropped = clock.Elapsed;

        revoked.Should().BeTrue();
        dropped.Should().BeLessThan(TimeSpan.FromSeconds(10), "a revoked agent's live session ends at once (DISCONNECT 0x98), not at a reconnect or a certificate's expiry; generous for a loaded 2-core machine");
        var pub = await Mosquitto.PubAsync([.. agent.Arguments(_server.MqttTlsPort), "-t", AgentTopics.Status(agent.Agent.Id), "-m", "still here"]);
        pub.ExitCode.Should().NotBe(0);
        pub.Output().Should().NotContain("CONNACK");
        var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAuthenticationFailed, e => e.Subject == $"certificate:{agent.Certificate.SerialNumber}");
        entry.Data.Should().Contain("\"reason\":\"Revoked\"").And.Contain("\"stage\":\"tls\"");
    }

    [Fact]
    public async Task Connect_AnotherAgentsClientId_RefusedAndOtherSessionKept()
    {
        using var victim = await AgentCredentials.EnrollAsync(_server, unsPrefix: null);
        using var intruder = await AgentCredentials.EnrollAsync(_server, victim.Site);
        var command = AgentTopics.Command(victim.Agent.Id);
        await using var sub = Mosquitto.Sub([.. victim.Arguments(_server.MqttTlsPort), "-t", command, "-q", "1", "-F", "%t %p"]);
        await sub.WaitForOutputAsync("Subscribed (mid: 1): 1", Mosquitto.Timeout);

        var pub = await Mosquitto.PubAsync([.. intruder.Arguments(_server.MqttTlsPort, clientId: victim.ClientId), "-t", AgentTopics.Status(victim.Agent.Id), "-m", "spoof"]);

        pub.ExitCode.Should().NotBe(0);
        pub.Output().Should().Contain("received CONNACK (133)");
        var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAuthenticationFailed, e => e.Subject == $"certificate:{intruder.Certificate.SerialNumber}");
        entry.Data.Should().Contain("\"reason\":\"ClientIdMismatch\"").And.Contain(victim.ClientId);
        _server.Get<MqttBroker>().Publish(new MqttRoutedMessage { Topic = command, Payload = Encoding.UTF8.GetBytes("still-yours"), QualityOfService = MqttQualityOfService.AtLeastOnce });
        await sub.WaitForOutputAsync($"{command} still-yours", Mosquitto.Timeout);
        sub.Output().Should().NotContain("DISCONNECT (");
    }

    private async Task ExpectRefusedAtHandshakeAsync(X509Certificate2 certificate, string clientId, string reason)
    {
        using var chain = new TemporaryPem(_server.Get<CertificateAuthority>().ChainPem);
        var certificatePath = chain.Path + ".crt";
        var keyPath = chain.Path + ".key";
        TestCertificates.WritePem(certificate, certificatePath, keyPath);
        try
        {
            var pub = await Mosquitto.PubAsync("-h", "127.0.0.1", "-p", Port, "-V", "mqttv5", "-d", "--cafile", chain.Path, "--cert", certificatePath, "--key", keyPath, "-i", clientId, "-t", "Acme/x", "-m", "x");

            pub.ExitCode.Should().NotBe(0);
            pub.Output().Should().NotContain("CONNACK");
            var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAuthenticationFailed, e => e.Subject == $"certificate:{certificate.SerialNumber}");
            entry.Data.Should().Contain($"\"reason\":\"{reason}\"").And.Contain("\"stage\":\"tls\"").And.Contain(certificate.GetCertHashString(HashAlgorithmName.SHA256));
            entry.Actor.Should().Be("anonymous@127.0.0.1");
        }
        finally
        {
            File.Delete(certificatePath);
            File.Delete(keyPath);
        }
    }
}

public sealed class MqttMutualTlsSqliteTests(SqliteTrustFixture fixture) : MqttMutualTlsTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class MqttMutualTlsPostgreSqlTests(PostgreSqlTrustFixture fixture) : MqttMutualTlsTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
