using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Monitoring;
using Proxus.Server.Mqtt;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Monitoring;

/// <summary>
/// The components that see security events raise them, and the engine in the server host turns them
/// into stored alerts: MQTT refusals and denials (through <see cref="MqttSecurityAudit"/>), agent
/// configuration rejections (through <see cref="AgentConfigService"/>), and any component's event.
/// </summary>
public sealed class MonitoringPipelineTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private MqttSecurityAudit _audit = null!;

    public async Task InitializeAsync()
    {
        _audit = new MqttSecurityAudit(fixture.Host.Get<AuditLog>(), fixture.Host.Get<ISecurityEventSink>(), NullLogger<MqttSecurityAudit>.Instance);
        await _audit.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _audit.StopAsync(timeout.Token);
        _audit.Dispose();
    }

    [Fact]
    public async Task MqttRefusals_RepeatedFromOneAddress_AuthenticationFailuresAlert()
    {
        var address = RandomAddress();
        for (var i = 0; i < new AlertRuleOptions().AuthenticationFailureThreshold; i++)
        {
            _audit.AuthenticationFailed("tls", "UntrustedChain", new IPEndPoint(address, 40_000 + i), certificate: null, clientId: null, transport: "tls");
        }

        var alert = await AlertProbe.WaitForAsync(fixture.Host.CreateDbContext, AlertRules.AuthenticationFailures, $"source:{address}");

        alert.Severity.Should().Be(AlertSeverity.High);
        alert.Count.Should().Be(5);
        alert.Source.Should().Be(address.ToString(), "counted per address, whatever the port");
    }

    [Fact]
    public async Task MqttRefusals_FromIPv4MappedAndPlainSpellings_OneSourceShownAsIPv4()
    {
        var address = RandomAddress();
        for (var i = 0; i < new AlertRuleOptions().AuthenticationFailureThreshold; i++)
        {
            // A dual-stack listener reports an IPv4 client as ::ffff:a.b.c.d; another as a.b.c.d.
            var remote = i % 2 == 0 ? address.MapToIPv6() : address;
            _audit.AuthenticationFailed("tls", "UntrustedChain", new IPEndPoint(remote, 40_000 + i), certificate: null, clientId: null, transport: "tls");
        }

        var alert = await AlertProbe.WaitForAsync(fixture.Host.CreateDbContext, AlertRules.AuthenticationFailures, $"source:{address}");

        alert.Source.Should().Be(address.ToString());
        alert.Summary.Should().EndWith("from " + address).And.NotContain("::ffff:");
    }

    [Fact]
    public async Task MqttRefusals_RevokedCertificateAtConnect_RevokedCertificateAlert()
    {
        using var certificate = Proxus.TestSupport.TestCertificates.CreateCa("revoked-agent");
        _audit.AuthenticationFailed("connect", nameof(AgentCertificateRejection.Revoked), new IPEndPoint(RandomAddress(), 1883), certificate, clientId: Guid.NewGuid().ToString("D"), transport: "tls");

        var alert = await AlertProbe.WaitForAsync(fixture.Host.CreateDbContext, AlertRules.RevokedCertificate, $"certificate:{certificate.SerialNumber}");

        alert.Severity.Should().Be(AlertSeverity.Critical);
    }

    [Fact]
    public async Task MqttRefusals_ClientIdOfNoAgent_UnknownClientIdAlert()
    {
        var clientId = "scanner-" + Guid.NewGuid().ToString("N");
        _audit.AuthenticationFailed("connect", "NoCertificate", new IPEndPoint(RandomAddress(), 1883), certificate: null, clientId, transport: "tcp");

        var alert = await AlertProbe.WaitForAsync(fixture.Host.CreateDbContext, AlertRules.UnknownClientId, $"mqtt-client:{clientId}");

        alert.Details.Should().Contain(clientId);
    }

    [Fact]
    public async Task AclDenials_Burst_AclDenialAlert()
    {
        var actor = "agent:" + Guid.NewGuid().ToString("D");
        var identity = new AgentMqttIdentity(Guid.Parse(actor["agent:".Length..]), Guid.NewGuid(), "Acme/A", "01");
        for (var i = 0; i < new AlertRuleOptions().AclDenialThreshold; i++)
        {
            _audit.AclDenied(new MqttDenial { Kind = MqttDenialKind.Publish, ClientId = identity.AgentId.ToString("D"), Identity = identity, Topic = $"Acme/B/{i}", ReasonCode = MqttReasonCode.NotAuthorized, RemoteEndPoint = new IPEndPoint(IPAddress.Loopback, 5000) });
        }

        var alert = await AlertProbe.WaitForAsync(fixture.Host.CreateDbContext, AlertRules.AclDenialBurst, actor);

        alert.Count.Should().Be(20);
        alert.Details.Should().Contain("Acme/B/");
    }

    [Fact]
    public async Task ConfigReport_Rejected_AgentRejectionAlert()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        var agent = new AgentIdentity(scenario.First.Id, scenario.Site.Id, "0A", DateTimeOffset.UtcNow.AddDays(1));

        (await scenario.Configs.ReportAsync(agent, 1, AgentConfigReportStatus.Rejected, "BadSignature", CancellationToken.None)).Should().BeTrue();

        var alert = await AlertProbe.WaitForAsync(fixture.Host.CreateDbContext, AlertRules.AgentRejection, $"agent:{scenario.First.Id:D}");
        alert.Details.Should().Contain("BadSignature");
    }

    [Fact]
    public async Task NormalOperation_FewRefusalsAppliedConfigs_NoAlert()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        var address = RandomAddress();
        var agent = new AgentIdentity(scenario.Second.Id, scenario.Site.Id, "0B", DateTimeOffset.UtcNow.AddDays(1));

        (await scenario.Configs.ReportAsync(agent, 1, AgentConfigReportStatus.Applied, null, CancellationToken.None)).Should().BeTrue();
        _audit.AuthenticationFailed("connect", "Expired", new IPEndPoint(address, 1), certificate: null, clientId: scenario.Second.Id.ToString("D"), transport: "tls");
        _audit.AuthenticationFailed("tls", "Expired", new IPEndPoint(address, 2), certificate: null, clientId: null, transport: "tls");

        // A marker event afterwards: once its alert is stored, the events before it were judged.
        var marker = "write-request:" + Guid.NewGuid().ToString("N");
        fixture.Host.Get<ISecurityEventSink>().Raise(new SecurityEvent(SecurityEventType.WriteOutsideWindow, marker));
        await AlertProbe.WaitForAsync(fixture.Host.CreateDbContext, AlertRules.WriteOutsideWindow, marker);
        (await AlertProbe.AllAsync(fixture.Host.CreateDbContext, $"source:{address}")).Should().BeEmpty();
        (await AlertProbe.AllAsync(fixture.Host.CreateDbContext, $"agent:{scenario.Second.Id:D}")).Should().BeEmpty();
        (await AlertProbe.AllAsync(fixture.Host.CreateDbContext, $"mqtt-client:{scenario.Second.Id:D}")).Should().BeEmpty();
    }

    [Fact]
    public async Task WriteOutsideWindow_RaisedByAnyComponent_Alert()
    {
        var subject = "write-request:" + Guid.NewGuid().ToString("N");

        fixture.Host.Get<ISecurityEventSink>().Raise(new SecurityEvent(SecurityEventType.WriteOutsideWindow, subject, "user:op", new Dictionary<string, string?> { ["window"] = "Mon-Fri 06:00-22:00" }));

        var alert = await AlertProbe.WaitForAsync(fixture.Host.CreateDbContext, AlertRules.WriteOutsideWindow, subject);
        alert.Severity.Should().Be(AlertSeverity.High);
        alert.Source.Should().Be("user:op");
    }

    private static IPAddress RandomAddress() => new([10, (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(1, 255)]);
}
