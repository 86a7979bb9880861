using System.Text.Json;
using Proxus.Server.Configuration;
using Proxus.Server.Mqtt;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Mqtt;

/// <summary>
/// The configuration notification as the agent receives it: mosquitto_sub connected over mutual TLS
/// with the agent's own certificate, subscribed to its config topic, gets a QoS 1 JSON message with
/// the new version once a tag map compiles to a new envelope for it.
/// </summary>
public sealed class MqttConfigChangeNotifierTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database, withBroker: true));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Import_AgentSubscribedOverMutualTls_ReceivesQos1NotificationWithVersion()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        using var agent = await AgentCredentials.EnrollAsync(_server, scenario.Site);
        var topic = AgentTopics.Config(agent.Agent.Id);
        await using var sub = Mosquitto.Sub([.. agent.Arguments(_server.MqttTlsPort), "-t", topic, "-q", "1", "-C", "1", "-W", "60", "-F", "%q %r %t %p"]);
        await sub.WaitForOutputAsync("Subscribed (mid: 1): 1", Mosquitto.Timeout);

        var result = await scenario.ImportYamlAsync(scenario.Yaml(firstAgent: agent.Agent.Name));

        result.Status.Should().Be(TagMapChangeStatus.Created);
        await sub.WaitForExitAsync(Mosquitto.Timeout);
        var line = MessageLine(sub);
        line.Should().StartWith($"1 0 {topic} ", "QoS 1, delivered live (not retained)");
        var notification = JsonDocument.Parse(line[line.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        notification.GetProperty("agentId").GetString().Should().Be(agent.ClientId);
        notification.GetProperty("version").GetInt64().Should().Be(1);
        notification.GetProperty("tagMapVersion").GetInt32().Should().Be(result.Version!.Version);
        notification.GetProperty("cause").GetString().Should().Be("first");
        notification.EnumerateObject().Select(p => p.Name).Should().Equal("agentId", "version", "tagMapVersion", "cause", "expiresAt");
    }

    [Fact]
    public async Task Import_AgentOfflineThenSubscribes_ReceivesNewestVersionRetained()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        using var agent = await AgentCredentials.EnrollAsync(_server, scenario.Site);
        (await scenario.ImportYamlAsync(scenario.Yaml(firstAgent: agent.Agent.Name))).Status.Should().Be(TagMapChangeStatus.Created);
        (await scenario.ImportYamlAsync(scenario.Yaml(pressTemperatureAddress: "HR101", firstAgent: agent.Agent.Name))).Status.Should().Be(TagMapChangeStatus.Created);

        await using var sub = Mosquitto.Sub([.. agent.Arguments(_server.MqttTlsPort), "-t", AgentTopics.Config(agent.Agent.Id), "-q", "1", "-C", "1", "-W", "60", "-F", "%r %p"]);
        await sub.WaitForExitAsync(Mosquitto.Timeout);

        var line = MessageLine(sub);
        line.Should().StartWith("1 ", "the newest notification is retained");
        JsonDocument.Parse(line[2..]).RootElement.GetProperty("version").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task Import_AgentWithoutChange_NotNotified()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        using var agent = await AgentCredentials.EnrollAsync(_server, scenario.Site);
        (await scenario.ImportYamlAsync(scenario.Yaml(firstAgent: agent.Agent.Name))).Status.Should().Be(TagMapChangeStatus.Created);

        // Only the boiler connection (edge-02) changes: the agent's compiled configuration is the same.
        var result = await scenario.ImportYamlAsync(scenario.Yaml(boilerHost: "10.0.0.7", firstAgent: agent.Agent.Name));
        result.Issued.Select(i => i.AgentId).Should().Equal(scenario.Second.Id);
        await using var sub = Mosquitto.Sub([.. agent.Arguments(_server.MqttTlsPort), "-t", AgentTopics.Config(agent.Agent.Id), "-q", "1", "-C", "1", "-W", "60", "-F", "%p"]);
        await sub.WaitForExitAsync(Mosquitto.Timeout);

        JsonDocument.Parse(MessageLine(sub)).RootElement.GetProperty("version").GetInt64().Should().Be(1, "the retained notification is still the first version's");
    }

    [Fact]
    public void Payload_Issued_IsSmallJsonWithoutSecrets()
    {
        var issued = new IssuedAgentConfig(Guid.Parse("0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91"), Guid.NewGuid(), 7, 3, new DateTimeOffset(2026, 12, 21, 10, 0, 0, 500, TimeSpan.Zero), AgentConfigIssueCause.Renewal);

        var payload = System.Text.Encoding.UTF8.GetString(MqttConfigChangeNotifier.Payload(issued));

        payload.Should().Be("""{"agentId":"0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91","version":7,"tagMapVersion":3,"cause":"renewal","expiresAt":"2026-12-21T10:00:00Z"}""");
    }

    /// <summary>The one line the -F format printed (the -d debug lines around it end otherwise).</summary>
    private static string MessageLine(TestSupport.ExternalProcess sub)
        => sub.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Single(l => l.EndsWith('}'));
}
