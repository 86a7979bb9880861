using Proxus.Server.Audit;
using Proxus.Server.Fleet;
using Proxus.Server.Mqtt;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Mqtt;

/// <summary>The ACLs on the TLS port against mosquitto's clients: each denial answered with 0x87 and audited.</summary>
public sealed class MqttAclTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database, withBroker: true));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Publish_AgentOfSiteAIntoSiteB_NotAuthorizedAndAudited()
    {
        using var agent = await AgentCredentials.EnrollAsync(_server, NewPrefix());
        var siteB = NewPrefix();
        await _server.Get<FleetService>().CreateSiteAsync("B " + Guid.NewGuid().ToString("N"), siteB, "admin:test", CancellationToken.None);
        var topic = siteB + "/Press/Line1/Press_Machine/Temperature_C";

        var pub = await Mosquitto.PubAsync([.. agent.Arguments(_server.MqttTlsPort), "-q", "1", "-t", topic, "-m", "1"]);

        pub.Output().Should().Contain("received PUBACK (Mid: 1, RC:135)");
        await ExpectAclAuditAsync(agent, topic, "Publish");
    }

    [Fact]
    public async Task Publish_AgentAtSitePrefixItselfOrSimilarPrefix_NotAuthorized()
    {
        var prefix = NewPrefix();
        using var agent = await AgentCredentials.EnrollAsync(_server, prefix);

        var exact = await Mosquitto.PubAsync([.. agent.Arguments(_server.MqttTlsPort), "-q", "1", "-t", prefix, "-m", "1"]);
        var lookalike = await Mosquitto.PubAsync([.. agent.Arguments(_server.MqttTlsPort), "-q", "1", "-t", prefix + "X/Area/Line/Machine/Tag", "-m", "1"]);

        exact.Output().Should().Contain("RC:135");
        lookalike.Output().Should().Contain("RC:135");
        await ExpectAclAuditAsync(agent, prefix + "X/Area/Line/Machine/Tag", "Publish");
    }

    [Fact]
    public async Task Subscribe_AnotherAgentsCommandTopic_NotAuthorizedAndAudited()
    {
        using var agent = await AgentCredentials.EnrollAsync(_server, unsPrefix: null);
        var other = AgentTopics.Command(Guid.NewGuid());
        await using var sub = Mosquitto.Sub([.. agent.Arguments(_server.MqttTlsPort), "-t", other, "-q", "1", "-W", "60"]);

        await sub.WaitForOutputAsync("Subscribed (mid: 1): 135", Mosquitto.Timeout);

        await ExpectAclAuditAsync(agent, other, "Subscribe");
    }

    [Fact]
    public async Task Subscribe_WildcardOverAgentTopicsOrUns_NotAuthorized()
    {
        using var agent = await AgentCredentials.EnrollAsync(_server, NewPrefix());
        await using var sub = Mosquitto.Sub([.. agent.Arguments(_server.MqttTlsPort), "-t", "proxus/agents/+/command", "-t", agent.UnsPrefix + "/#", "-q", "1", "-W", "60"]);

        await sub.WaitForOutputAsync("Subscribed (mid: 1): 135, 135", Mosquitto.Timeout);

        await ExpectAclAuditAsync(agent, "proxus/agents/+/command", "Subscribe");
    }

    [Fact]
    public async Task Publish_AgentSendingACommand_NotAuthorizedAndAudited()
    {
        using var agent = await AgentCredentials.EnrollAsync(_server, NewPrefix());
        var own = AgentTopics.Command(agent.Agent.Id);
        var config = AgentTopics.Config(Guid.NewGuid());

        var toSelf = await Mosquitto.PubAsync([.. agent.Arguments(_server.MqttTlsPort), "-q", "1", "-t", own, "-m", "{\"tag\":\"x\",\"value\":1}"]);
        var toConfig = await Mosquitto.PubAsync([.. agent.Arguments(_server.MqttTlsPort), "-q", "1", "-t", config, "-m", "{}"]);

        toSelf.Output().Should().Contain("RC:135");
        toConfig.Output().Should().Contain("RC:135");
        await ExpectAclAuditAsync(agent, own, "Publish");
        await ExpectAclAuditAsync(agent, config, "Publish");
    }

    [Fact]
    public async Task Connect_WillOnAnotherAgentsStatus_RefusedAndAudited()
    {
        using var agent = await AgentCredentials.EnrollAsync(_server, unsPrefix: null);
        var foreignStatus = AgentTopics.Status(Guid.NewGuid());

        var pub = await Mosquitto.PubAsync([.. agent.Arguments(_server.MqttTlsPort), "--will-topic", foreignStatus, "--will-payload", "offline", "-t", AgentTopics.Status(agent.Agent.Id), "-m", "x"]);

        pub.ExitCode.Should().NotBe(0);
        pub.Output().Should().Contain("received CONNACK (135)");
        await ExpectAclAuditAsync(agent, foreignStatus, "Will");
    }

    private static string NewPrefix() => "Acme/Site" + Guid.NewGuid().ToString("N")[..12];

    private async Task ExpectAclAuditAsync(AgentCredentials agent, string topic, string kind)
    {
        var actor = $"agent:{agent.Agent.Id:D}";
        var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, AuditEventTypes.MqttAclDenied, e => e.Actor == actor && e.Subject == $"topic:{topic}");
        entry.Data.Should().Contain($"\"kind\":\"{kind}\"").And.Contain("0x87");
    }
}
