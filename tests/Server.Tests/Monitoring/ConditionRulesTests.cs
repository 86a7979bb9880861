using Proxus.Server.Monitoring;

namespace Proxus.Server.Tests.Monitoring;

/// <summary>The agent-offline and publish-rate rules, on a clock the test sets.</summary>
public sealed class ConditionRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly AlertRuleOptions Options = new() { AgentOfflineAfter = TimeSpan.FromMinutes(10), RateWarmupSamples = 5, RateFactor = 4, RateMinimumPerSecond = 1, RateSmoothing = 0.2, RateRelearnAfterSamples = 3 };

    [Fact]
    public void AgentOffline_LongerThanThreshold_RaisesOncePerOutage()
    {
        var agent = Guid.NewGuid();

        var raised = AgentOfflineRule.Evaluate([new AgentPresence(agent, Online: false, Start)], Options, Start.AddMinutes(11));

        raised.Should().ContainSingle().Which.Should().Match<AlertCandidate>(c =>
            c.Rule == AlertRules.AgentOffline && c.Subject == $"agent:{agent:D}" && c.EpisodeStart == Start && c.Severity == AlertSeverity.High);
    }

    [Fact]
    public void AgentOffline_OnlineOrBriefOutage_Quiet()
    {
        var raised = AgentOfflineRule.Evaluate(
            [new AgentPresence(Guid.NewGuid(), Online: true, Start), new AgentPresence(Guid.NewGuid(), Online: false, Start.AddMinutes(5))],
            Options,
            Start.AddMinutes(14));

        raised.Should().BeEmpty();
    }

    [Fact]
    public void PublishRate_SteadyWithJitter_Quiet()
    {
        var monitor = new PublishRateMonitor();
        var agent = Guid.NewGuid();
        var raised = new List<AlertCandidate>();
        monitor.Sample(Start, Options);

        for (var minute = 1; minute <= 60; minute++)
        {
            Publish(monitor, agent, 6_000 + ((minute % 5) * 600)); // 100..140 msg/s
            raised.AddRange(monitor.Sample(Start.AddMinutes(minute), Options));
        }

        raised.Should().BeEmpty();
    }

    [Fact]
    public void PublishRate_FloodFarAboveBaseline_Raises()
    {
        var (monitor, agent) = Warmed(ratePerMinute: 6_000);

        Publish(monitor, agent, 6_000 * 10);
        var raised = monitor.Sample(Start.AddMinutes(7), Options);

        raised.Should().ContainSingle().Which.Should().Match<AlertCandidate>(c =>
            c.Rule == AlertRules.PublishRateAnomaly && c.Subject == $"agent:{agent:D}" && c.Details!["ratePerSecond"] == "1000" && c.Details["baselinePerSecond"] == "100");
    }

    [Fact]
    public void PublishRate_CollapseFarBelowBaseline_Raises()
    {
        var (monitor, agent) = Warmed(ratePerMinute: 6_000);

        Publish(monitor, agent, 600);
        var raised = monitor.Sample(Start.AddMinutes(7), Options);

        raised.Should().ContainSingle().Which.Summary.Should().Contain("below");
    }

    [Fact]
    public void PublishRate_LastingNewLevel_RelearnedAfterConfiguredSamples()
    {
        var (monitor, agent) = Warmed(ratePerMinute: 6_000);
        var raised = new List<AlertCandidate>();

        for (var minute = 7; minute < 7 + Options.RateRelearnAfterSamples + Options.RateWarmupSamples + 3; minute++)
        {
            Publish(monitor, agent, 60_000);
            raised.AddRange(monitor.Sample(Start.AddMinutes(minute), Options));
        }

        raised.Should().HaveCount(Options.RateRelearnAfterSamples, "the new level is judged anomalous until it becomes the baseline");
        raised.Select(c => c.EpisodeStart).Distinct().Should().ContainSingle("one anomaly, one episode");
    }

    [Fact]
    public void PublishRate_WarmupOrTinyRates_Quiet()
    {
        var monitor = new PublishRateMonitor();
        var busy = Guid.NewGuid();
        var trickle = Guid.NewGuid();
        var raised = new List<AlertCandidate>();
        monitor.Sample(Start, Options);

        Publish(monitor, busy, 60);
        raised.AddRange(monitor.Sample(Start.AddMinutes(1), Options));
        Publish(monitor, busy, 60_000); // a jump during warm-up is learned, not judged
        raised.AddRange(monitor.Sample(Start.AddMinutes(2), Options));
        for (var minute = 3; minute < 20; minute++)
        {
            Publish(monitor, trickle, minute % 2 == 0 ? 1 : 20); // below one message per second either way
            raised.AddRange(monitor.Sample(Start.AddMinutes(minute), Options));
        }

        raised.Should().BeEmpty();
    }

    private static (PublishRateMonitor Monitor, Guid Agent) Warmed(int ratePerMinute)
    {
        var monitor = new PublishRateMonitor();
        var agent = Guid.NewGuid();
        monitor.Sample(Start, Options);
        for (var minute = 1; minute <= 6; minute++)
        {
            Publish(monitor, agent, ratePerMinute);
            monitor.Sample(Start.AddMinutes(minute), Options).Should().BeEmpty();
        }

        return (monitor, agent);
    }

    private static void Publish(PublishRateMonitor monitor, Guid agent, int count)
    {
        for (var i = 0; i < count; i++)
        {
            monitor.Count(agent);
        }
    }
}
