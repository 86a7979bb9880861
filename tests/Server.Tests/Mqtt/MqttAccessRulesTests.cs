using Proxus.Server.Mqtt;

namespace Proxus.Server.Tests.Mqtt;

public sealed class MqttAccessRulesTests
{
    private static readonly Guid AgentId = Guid.Parse("0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91");
    private static readonly AgentMqttIdentity Agent = new(AgentId, Guid.NewGuid(), "Acme/SiteA", "0A1B");
    private static readonly AnonymousMqttIdentity Anonymous = new("dev", "127.0.0.1");

    [Theory]
    [InlineData("Acme/SiteA/Press/Line1/Press_Machine/Temperature_C", true)]
    [InlineData("Acme/SiteA/x", true)]
    [InlineData("Acme/SiteA", false)]
    [InlineData("Acme/SiteA/", false)]
    [InlineData("Acme/SiteAB/Press/Line1/Press_Machine/Temperature_C", false)]
    [InlineData("Acme/SiteB/Press/Line1/Press_Machine/Temperature_C", false)]
    [InlineData("acme/sitea/Press/Line1/Press_Machine/Temperature_C", false)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/status", true)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/status/health", true)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/statusx", false)]
    [InlineData("proxus/agents/11111111-2a6d-4c55-9e1a-6f0d2c7b8a91/status", false)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/command", false)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/config", false)]
    [InlineData("$SYS/broker/uptime", false)]
    public void MayPublish_Agent_OnlyBelowItsSiteAndOnItsStatus(string topic, bool allowed)
    {
        MqttAccessRules.MayPublish(Agent, topic).Should().Be(allowed);
    }

    [Theory]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/results", true)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/results/extra", false)]
    [InlineData("proxus/agents/11111111-2a6d-4c55-9e1a-6f0d2c7b8a91/results", false)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/resultsx", false)]
    public void MayPublish_AgentResults_OnlyItsOwnTopicExactly(string topic, bool allowed)
    {
        MqttAccessRules.MayPublish(Agent, topic).Should().Be(allowed);
    }

    [Fact]
    public void MayPublish_AgentOfSiteNamedLikeTheAgentRoot_CannotForgeAnotherAgentsResults()
    {
        var agent = Agent with { UnsPrefix = "proxus/agents" };

        MqttAccessRules.MayPublish(agent, AgentTopics.Results(Guid.NewGuid())).Should().BeFalse();
        MqttAccessRules.MayPublish(agent, AgentTopics.Results(AgentId)).Should().BeTrue();
    }

    [Fact]
    public void MaySubscribe_AgentToResults_Denied()
    {
        MqttAccessRules.MaySubscribe(Agent, AgentTopics.Results(AgentId), null).Should().BeFalse();
        MqttAccessRules.MaySubscribe(Agent, "proxus/agents/+/results", null).Should().BeFalse();
    }

    [Theory]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/results", true)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/results/x", false)]
    [InlineData("proxus/agents/0B3C1F4E-2A6D-4C55-9E1A-6F0D2C7B8A91/results", false)]
    [InlineData("proxus/agents/not-a-guid/results", false)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/status", false)]
    public void TryParseResults_OnlyExactResultsTopics(string topic, bool parsed)
    {
        AgentTopics.TryParseResults(topic, out var agent).Should().Be(parsed);
        if (parsed)
        {
            agent.Should().Be(AgentId);
        }
    }

    [Fact]
    public void MayPublish_AgentOfSiteWithoutPrefix_OnlyItsStatus()
    {
        var agent = Agent with { UnsPrefix = null };

        MqttAccessRules.MayPublish(agent, "Acme/SiteA/Press/Line1/Press_Machine/Temperature_C").Should().BeFalse();
        MqttAccessRules.MayPublish(agent, AgentTopics.Status(AgentId)).Should().BeTrue();
    }

    [Theory]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/command", null, true)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/config", null, true)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/command", "group", false)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/status", null, false)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/#", null, false)]
    [InlineData("proxus/agents/0b3c1f4e-2a6d-4c55-9e1a-6f0d2c7b8a91/+", null, false)]
    [InlineData("proxus/agents/+/command", null, false)]
    [InlineData("proxus/agents/11111111-2a6d-4c55-9e1a-6f0d2c7b8a91/command", null, false)]
    [InlineData("Acme/SiteA/#", null, false)]
    [InlineData("#", null, false)]
    public void MaySubscribe_Agent_OnlyItsOwnCommandAndConfig(string filter, string? shareGroup, bool allowed)
    {
        MqttAccessRules.MaySubscribe(Agent, filter, shareGroup).Should().Be(allowed);
    }

    [Theory]
    [InlineData("proxus/agents/x/command")]
    [InlineData("proxus/agents/x/command/reply")]
    [InlineData("proxus/agents/x/config")]
    public void MayPublish_AnonymousOnCommandOrConfig_Denied(string topic)
    {
        MqttAccessRules.MayPublish(Anonymous, topic).Should().BeFalse();
    }

    [Theory]
    [InlineData("Acme/SiteA/Press/Temperature")]
    [InlineData("proxus/agents/6f1c2a4e-0b7d-4c55-9d61-1e0f3a2b4c5d/status")]
    [InlineData("proxus/agents/6f1c2a4e-0b7d-4c55-9d61-1e0f3a2b4c5d/command")]
    public void MayPublish_Server_DeniedEverywhere(string topic)
    {
        MqttAccessRules.MayPublish(new ServerMqttIdentity("proxus-server-ingest"), topic).Should().BeFalse();
    }

    [Theory]
    [InlineData("#", "proxus-ingest")]
    [InlineData("Acme/#", "proxus-ingest")]
    [InlineData("proxus/agents/+/status", null)]
    public void MaySubscribe_Server_UnsAndStatusSharedOrNot_Allowed(string filter, string? shareGroup)
    {
        MqttAccessRules.MaySubscribe(new ServerMqttIdentity("proxus-server-ingest"), filter, shareGroup).Should().BeTrue();
    }

    [Fact]
    public void Anonymous_ElsewhereAllowed_UnknownIdentityDenied()
    {
        MqttAccessRules.MayPublish(Anonymous, "any/topic").Should().BeTrue();
        MqttAccessRules.MaySubscribe(Anonymous, "#", null).Should().BeTrue();
        MqttAccessRules.MayPublish("not an identity", "any/topic").Should().BeFalse();
        MqttAccessRules.MaySubscribe(null, "any/topic", null).Should().BeFalse();
    }

    [Theory]
    [InlineData("proxus/agents/a/command", true)]
    [InlineData("proxus/agents/a/config/x", true)]
    [InlineData("proxus/agents/a/commands", false)]
    [InlineData("proxus/agents/a", false)]
    [InlineData("proxus/agents/command", false)]
    [InlineData("proxus/agentsx/a/command", false)]
    [InlineData("Proxus/agents/a/command", false)]
    public void IsServerOnly_CommandAndConfigTopicsOfAnyAgent(string topic, bool serverOnly)
    {
        AgentTopics.IsServerOnly(topic).Should().Be(serverOnly);
    }
}
