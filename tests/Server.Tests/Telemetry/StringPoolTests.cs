using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Telemetry;

public sealed class StringPoolTests
{
    [Fact]
    public void Get_SameCharacters_OneSharedInstance()
    {
        var pool = new StringPool(capacity: 8);

        var first = pool.Get("degC".AsSpan());
        var second = pool.Get("xdegC".AsSpan(1));

        second.Should().Be("degC").And.BeSameAs(first);
        pool.Count.Should().Be(1);
    }

    [Fact]
    public void Get_MoreDistinctStringsThanCapacity_PoolStopsGrowingAndStillAnswers()
    {
        var pool = new StringPool(capacity: 3);

        var strings = Enumerable.Range(0, 100).Select(i => pool.Get(("unit" + i).AsSpan())).ToList();

        strings.Should().Equal(Enumerable.Range(0, 100).Select(i => "unit" + i));
        pool.Count.Should().Be(3, "a sender inventing units cannot grow the pool without bound");
        pool.Get("unit99".AsSpan()).Should().NotBeSameAs(strings[99], "past the capacity strings are not shared");
        pool.Get("unit0".AsSpan()).Should().BeSameAs(strings[0]);
    }
}
