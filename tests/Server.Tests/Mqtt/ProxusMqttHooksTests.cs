using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Audit;
using Proxus.Server.Data;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Monitoring;
using Proxus.Server.Mqtt;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Mqtt;

/// <summary>The server's authentication hook on the trust services (SQLite), outside any transport.</summary>
public sealed class ProxusMqttHooksTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private static readonly IPEndPoint Remote = new(IPAddress.Loopback, 50_123);

    // An IPv4 client as a dual-stack listener (the TLS port binds every address) sees it.
    private static readonly IPEndPoint DualStackRemote = new(IPAddress.Parse("::ffff:127.0.0.1"), 50_124);
    private readonly ServerMqttCredentials _serverCredentials = new();
    private MqttSecurityAudit _audit = null!;

    public async Task InitializeAsync()
    {
        _audit = new MqttSecurityAudit(fixture.Host.Get<AuditLog>(), fixture.Host.Get<ISecurityEventSink>(), NullLogger<MqttSecurityAudit>.Instance);
        await _audit.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _audit.StopAsync(CancellationToken.None);
        _audit.Dispose();
    }

    [Fact]
    public async Task Authenticate_NoCertificateAnonymousAllowed_AnonymousIdentity()
    {
        var result = await Hooks(allowAnonymous: true).AuthenticateAsync(Context("dev-1"), CancellationToken.None);

        result.Identity.Should().Be(new AnonymousMqttIdentity("dev-1", "127.0.0.1"));
    }

    [Fact]
    public async Task Authenticate_AnonymousOverDualStackSocket_ActorNamesIPv4Address()
    {
        var result = await Hooks(allowAnonymous: true).AuthenticateAsync(Context("dev-2") with { RemoteEndPoint = DualStackRemote }, CancellationToken.None);

        result.Identity.Should().BeOfType<AnonymousMqttIdentity>().Which.Actor.Should().Be("anonymous@127.0.0.1");
    }

    [Fact]
    public async Task Authenticate_RefusedOverDualStackSocket_AuditAndAlertNameIPv4Address()
    {
        var sink = new RecordingSecurityEventSink();
        using var audit = new MqttSecurityAudit(fixture.Host.Get<AuditLog>(), sink, NullLogger<MqttSecurityAudit>.Instance);
        await audit.StartAsync(CancellationToken.None);
        var clientId = "dual-" + Guid.NewGuid().ToString("N");
        try
        {
            var result = await Hooks(allowAnonymous: false, audit).AuthenticateAsync(Context(clientId) with { RemoteEndPoint = DualStackRemote }, CancellationToken.None);

            result.ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
            var entry = await WaitForAuditAsync(AuditEventTypes.MqttAuthenticationFailed, $"mqtt-client:{clientId}");
            entry.Actor.Should().Be("anonymous@127.0.0.1");
            entry.Data.Should().Contain("\"remote\":\"127.0.0.1:50124\"").And.NotContain("::ffff");
            sink.Events.Should().ContainSingle(e => e.Subject == $"mqtt-client:{clientId}").Which.Source.Should().Be("127.0.0.1");
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await audit.StopAsync(timeout.Token);
        }
    }

    [Fact]
    public async Task Authenticate_NoCertificateAnonymousOff_NotAuthorizedAndAudited()
    {
        var clientId = "nobody-" + Guid.NewGuid().ToString("N");

        var result = await Hooks(allowAnonymous: false).AuthenticateAsync(Context(clientId), CancellationToken.None);

        result.ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
        var entry = await WaitForAuditAsync(AuditEventTypes.MqttAuthenticationFailed, $"mqtt-client:{clientId}");
        entry.Data.Should().Contain("\"reason\":\"NoCertificate\"").And.Contain(Remote.ToString());
    }

    [Fact]
    public async Task Authenticate_CredentialsWithoutCertificate_BadUserNameOrPassword()
    {
        var result = await Hooks(allowAnonymous: false).AuthenticateAsync(Context("c1") with { Username = "user", Password = new byte[] { 1 } }, CancellationToken.None);

        result.ReasonCode.Should().Be(MqttReasonCode.BadUserNameOrPassword);
    }

    [Fact]
    public async Task Authenticate_ServerCredentialsInProcess_ServerIdentity()
    {
        var context = Context("proxus-server-node1-ingest") with
        {
            Username = ServerMqttCredentials.UserName,
            Password = _serverCredentials.Password,
            Transport = EmbeddedBrokerTransport.TransportName,
            RemoteEndPoint = null,
        };

        var result = await Hooks(allowAnonymous: false).AuthenticateAsync(context, CancellationToken.None);

        result.Identity.Should().Be(new ServerMqttIdentity("proxus-server-node1-ingest"));
        ((ServerMqttIdentity)result.Identity!).Actor.Should().Be("server:proxus-server-node1-ingest");
    }

    public static TheoryData<string, string, bool> ServerCredentialMisuse => new()
    {
        { "wrong password", EmbeddedBrokerTransport.TransportName, true },
        { "right password", "websocket", true },
        { "right password", "tcp", false },

        // The consumers connect in-process only: even the loopback listener does not take the secret.
        { "right password", "tcp", true },
    };

    [Theory]
    [MemberData(nameof(ServerCredentialMisuse))]
    public async Task Authenticate_ServerCredentialsMisused_Refused(string password, string transport, bool fromLoopback)
    {
        var secret = password == "right password" ? _serverCredentials.Password : new ServerMqttCredentials().Password;
        var context = Context("proxus-server-x") with
        {
            Username = ServerMqttCredentials.UserName,
            Password = secret,
            Transport = transport,
            RemoteEndPoint = fromLoopback ? Remote : new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40_000),
        };

        var result = await Hooks(allowAnonymous: false).AuthenticateAsync(context, CancellationToken.None);

        result.IsAccepted.Should().BeFalse();
        result.ReasonCode.Should().Be(MqttReasonCode.BadUserNameOrPassword);
    }

    [Fact]
    public async Task Authenticate_IssuedCertificate_AgentIdentityWithSitePrefix()
    {
        var prefix = "Acme/Hooks" + Guid.NewGuid().ToString("N")[..8];
        var (agent, site, certificate) = await IssueAsync(prefix);
        using var _ = certificate;

        var result = await Hooks(allowAnonymous: false).AuthenticateAsync(Context(agent.Id.ToString("D"), certificate), CancellationToken.None);

        result.IsAccepted.Should().BeTrue();
        var identity = result.Identity.Should().BeOfType<AgentMqttIdentity>().Subject;
        identity.Should().Be(new AgentMqttIdentity(agent.Id, site.Id, prefix, certificate.SerialNumber));
        identity.Actor.Should().Be($"agent:{agent.Id:D}");
    }

    [Fact]
    public async Task Authenticate_CertificateWithAnotherClientId_ClientIdentifierNotValidAndAudited()
    {
        var (_, _, certificate) = await IssueAsync(null);
        using var _ = certificate;

        var result = await Hooks(allowAnonymous: true).AuthenticateAsync(Context(Guid.NewGuid().ToString("D"), certificate), CancellationToken.None);

        result.ReasonCode.Should().Be(MqttReasonCode.ClientIdentifierNotValid);
        var entry = await WaitForAuditAsync(AuditEventTypes.MqttAuthenticationFailed, $"certificate:{certificate.SerialNumber}");
        entry.Data.Should().Contain("\"reason\":\"ClientIdMismatch\"").And.Contain("\"stage\":\"connect\"");
    }

    [Fact]
    public async Task Authenticate_CertificateOfAnotherCaOverWebSocket_NotAuthorizedEvenWhenAnonymousAllowed()
    {
        using var other = TestCertificates.Create("WebSocket Stranger CA");
        using var foreign = other.IssueClient(Guid.NewGuid().ToString("D"));

        var result = await Hooks(allowAnonymous: true).AuthenticateAsync(Context("ws-1", foreign) with { Transport = "websocket" }, CancellationToken.None);

        result.ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
        var entry = await WaitForAuditAsync(AuditEventTypes.MqttAuthenticationFailed, $"certificate:{foreign.SerialNumber}");
        entry.Data.Should().Contain("\"reason\":\"UntrustedChain\"").And.Contain("websocket");
    }

    [Fact]
    public async Task OnDenied_PublishDenial_AuditedWithIdentityAndTopic()
    {
        var identity = new AgentMqttIdentity(Guid.NewGuid(), Guid.NewGuid(), "Acme/A", "01AB");
        var topic = "Acme/B/" + Guid.NewGuid().ToString("N");

        Hooks(allowAnonymous: false).OnDenied(new MqttDenial { Kind = MqttDenialKind.Publish, ClientId = identity.AgentId.ToString("D"), Identity = identity, Topic = topic, ReasonCode = MqttReasonCode.NotAuthorized, RemoteEndPoint = Remote });

        var entry = await WaitForAuditAsync(AuditEventTypes.MqttAclDenied, $"topic:{topic}");
        entry.Actor.Should().Be(identity.Actor);
        entry.Data.Should().Contain("\"kind\":\"Publish\"").And.Contain("0x87");
    }

    [Fact]
    public async Task OnDenied_AnonymousClientOverDualStackSocket_AuditActorNamesIPv4Address()
    {
        var identity = new AnonymousMqttIdentity("dev-3", "127.0.0.1");
        var topic = "$SYS/" + Guid.NewGuid().ToString("N");

        Hooks(allowAnonymous: true).OnDenied(new MqttDenial { Kind = MqttDenialKind.Subscribe, ClientId = identity.ClientId, Identity = identity, Topic = topic, ReasonCode = MqttReasonCode.NotAuthorized, RemoteEndPoint = DualStackRemote });

        var entry = await WaitForAuditAsync(AuditEventTypes.MqttAclDenied, $"topic:{topic}");
        entry.Actor.Should().Be("anonymous@127.0.0.1");
        entry.Data.Should().Contain("\"remote\":\"127.0.0.1:50124\"").And.NotContain("::ffff");
    }

    private ProxusMqttHooks Hooks(bool allowAnonymous, MqttSecurityAudit? audit = null) => new(
        Options.Create(new MqttServerOptions { AllowAnonymous = allowAnonymous }),
        _serverCredentials,
        fixture.Host.Get<IAgentIdentityResolver>(),
        new MachineClientAuthenticator(fixture.Host.Get<AccessTokenService>(), fixture.Host.Get<IAgentIdentityResolver>(), fixture.Host.Get<IDbContextFactory<ProxusDbContext>>(), new MachineClientSessionRegistry()),
        fixture.Host.Get<IDbContextFactory<ProxusDbContext>>(),
        audit ?? _audit,
        fixture.Host.Get<PublishRateMonitor>(),
        NullLogger<ProxusMqttHooks>.Instance);

    private static MqttAuthenticationContext Context(string clientId, X509Certificate2? certificate = null) => new()
    {
        ClientId = clientId,
        ProtocolVersion = MqttProtocolVersion.V500,
        ClientCertificate = certificate,
        RemoteEndPoint = Remote,
        Transport = certificate is null ? "tcp" : "tls",
    };

    private async Task<(Agent Agent, Site Site, X509Certificate2 Certificate)> IssueAsync(string? unsPrefix)
    {
        var fleet = fixture.Host.Get<FleetService>();
        var site = await fleet.CreateSiteAsync("Hooks " + Guid.NewGuid().ToString("N"), unsPrefix, "admin:test", CancellationToken.None);
        var agent = await fleet.CreateAgentAsync(site.Id, "agent", "admin:test", CancellationToken.None);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var db = fixture.Host.CreateDbContext();
        using var certificate = fixture.Host.Get<CertificateAuthority>().IssueAgentCertificate(db, agent, new PublicKey(key));
        await db.SaveChangesAsync();
        return (agent, site, certificate.CopyWithPrivateKey(key));
    }

    private Task<AuditEntry> WaitForAuditAsync(string type, string subject)
        => AuditProbe.WaitForAsync(fixture.Host.CreateDbContext, type, e => e.Subject == subject);
}
