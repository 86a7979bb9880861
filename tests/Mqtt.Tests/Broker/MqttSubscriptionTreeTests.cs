using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class MqttSubscriptionTreeTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public void Match_ManySubscriptions_FindsOnlyMatchingOnes()
    {
        using var tree = new MqttSubscriptionTree();
        var sessions = Enumerable.Range(0, 10_000).Select(i => Session("s" + i)).ToList();
        for (var i = 0; i < sessions.Count; i++)
        {
            tree.Add(Subscription(sessions[i], $"plant/line{i}/+/temp"));
        }

        var hash = Session("all");
        tree.Add(Subscription(hash, "plant/#"));
        var matches = new List<MqttSessionSubscription>();

        tree.Match("plant/line42/m1/temp", matches);

        tree.Count.Should().Be(10_001);
        matches.Select(m => m.Session.ClientId).Should().BeEquivalentTo("s42", "all");
    }

    [Fact]
    public void Remove_LastSubscription_TreeEmptyAgain()
    {
        using var tree = new MqttSubscriptionTree();
        var session = Session("s");
        var a = Subscription(session, "a/+/c");
        var b = Subscription(session, "$share/g/a/#");
        tree.Add(a);
        tree.Add(b);

        tree.Remove(a).Should().BeTrue();
        tree.Remove(b).Should().BeTrue();
        tree.Remove(a).Should().BeFalse();

        var matches = new List<MqttSessionSubscription>();
        tree.Match("a/b/c", matches);
        matches.Should().BeEmpty();
        tree.Count.Should().Be(0);
    }

    [Fact]
    public void Add_SameSessionAndFilterTwice_Replaces()
    {
        using var tree = new MqttSubscriptionTree();
        var session = Session("s");
        tree.Add(Subscription(session, "t", MqttQualityOfService.AtMostOnce));
        tree.Add(Subscription(session, "t", MqttQualityOfService.ExactlyOnce));
        var matches = new List<MqttSessionSubscription>();

        tree.Match("t", matches);

        tree.Count.Should().Be(1);
        matches.Should().ContainSingle().Which.MaximumQualityOfService.Should().Be(MqttQualityOfService.ExactlyOnce);
    }

    [Fact]
    public void Match_SharedGroup_OneMemberPerMessageInTurn()
    {
        using var tree = new MqttSubscriptionTree();
        var members = new[] { Session("a"), Session("b"), Session("c") };
        foreach (var member in members)
        {
            tree.Add(Subscription(member, "$share/g/jobs"));
        }

        var chosen = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var matches = new List<MqttSessionSubscription>();
            tree.Match("jobs", matches);
            chosen.Add(matches.Should().ContainSingle().Subject.Session.ClientId);
        }

        chosen.GroupBy(c => c).Should().HaveCount(3).And.OnlyContain(g => g.Count() == 2);
    }

    private MqttSession Session(string clientId) => new(_broker.Broker, clientId, 0);

    private static MqttSessionSubscription Subscription(MqttSession session, string filter, MqttQualityOfService qos = MqttQualityOfService.AtMostOnce)
    {
        var (matching, group) = MqttSharedSubscription.Parse(filter);
        return new MqttSessionSubscription(session, new MqttStoredSubscription { TopicFilter = filter, MaximumQualityOfService = qos }, matching, group);
    }
}
