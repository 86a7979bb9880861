using Proxus.Server.Monitoring;

namespace Proxus.Server.Tests.Monitoring;

public sealed class SlidingWindowCounterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_ThresholdWithinWindow_True()
    {
        var counter = new SlidingWindowCounter(3, TimeSpan.FromSeconds(10));

        counter.Add("k", Start).Should().BeFalse();
        counter.Add("k", Start.AddSeconds(4)).Should().BeFalse();
        counter.Add("k", Start.AddSeconds(9)).Should().BeTrue();
        counter.Add("k", Start.AddSeconds(9.5)).Should().BeTrue("still three within the last ten seconds");
    }

    [Fact]
    public void Add_OccurrencesOlderThanWindow_Forgotten()
    {
        var counter = new SlidingWindowCounter(3, TimeSpan.FromSeconds(10));

        counter.Add("k", Start);
        counter.Add("k", Start.AddSeconds(5));

        counter.Add("k", Start.AddSeconds(10)).Should().BeFalse("the first occurrence left the window");
    }

    [Fact]
    public void Add_FloodFromManySources_KeyCountBounded()
    {
        var counter = new SlidingWindowCounter(5, TimeSpan.FromMinutes(5));

        for (var i = 0; i < SlidingWindowCounter.MaxKeys + 500; i++)
        {
            counter.Add("source-" + i, Start.AddMilliseconds(i));
        }

        counter.KeyCount.Should().BeLessThanOrEqualTo(SlidingWindowCounter.MaxKeys);
        counter.Add("source-" + (SlidingWindowCounter.MaxKeys + 499), Start.AddSeconds(30)).Should().BeFalse("the newest key was kept with its one occurrence, now two");
    }
}
