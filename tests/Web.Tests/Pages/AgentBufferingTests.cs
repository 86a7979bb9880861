using Proxus.Web.Services;

namespace Proxus.Web.Tests.Pages;

/// <summary>When the dashboard counts an agent as buffering: a backlog, not the messages it has in flight.</summary>
public sealed class AgentBufferingTests
{
    [Theory]
    [InlineData(1000, 0, false)]
    [InlineData(1000, 2, false)]
    [InlineData(1000, 5000, false)]
    [InlineData(1000, 5001, true)]
    [InlineData(0, 1, true)]
    [InlineData(0, 0, false)]
    public void IsBuffering_TheQueueAgainstSecondsOfTheAgentsProduction(double pointsPerSecond, long bufferDepth, bool buffering)
        => Health(pointsPerSecond, bufferDepth).IsBuffering.Should().Be(buffering);

    private static AgentHealthView Health(double pointsPerSecond, long bufferDepth)
        => new(IsOnline: true, DateTimeOffset.UtcNow, UptimeSeconds: 60, pointsPerSecond, bufferDepth, DroppedPoints: 0, Reason: null, Connections: []);
}
