using Proxus.Server.Monitoring;

namespace Proxus.Server.Tests.Monitoring;

public sealed class AlertTextTests
{
    [Theory]
    [InlineData("00:05:00", "5 min")]
    [InlineData("00:01:00", "1 min")]
    [InlineData("01:00:00", "1 h")]
    [InlineData("01:30:00", "1 h 30 min")]
    [InlineData("1.00:00:00", "24 h")]
    [InlineData("00:00:30", "30 s")]
    [InlineData("00:01:30", "90 s")]
    [InlineData("00:00:00.500", "0.5 s")]
    public void Duration_RuleWindow_WrittenForPeople(string window, string expected)
        => AlertText.Duration(TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);

    [Fact]
    public void Time_AnyOffset_UtcToTheSecondLikeThePortal()
        => AlertText.Time(new DateTimeOffset(2026, 11, 21, 12, 0, 1, 789, TimeSpan.FromHours(2))).Should().Be("2026-11-21 10:00:01Z");

    [Fact]
    public void AgentOffline_Summary_NoRoundTripTimestamp()
    {
        var since = new DateTimeOffset(2026, 11, 21, 10, 0, 0, 123, TimeSpan.Zero);
        var agent = Guid.NewGuid();

        var alert = AgentOfflineRule.Evaluate([new AgentPresence(agent, false, since)], new AlertRuleOptions(), since.AddMinutes(10)).Single();

        alert.Summary.Should().Be($"agent:{agent:D} has been offline since 2026-11-21 10:00:00Z (10 min)");
    }
}
