using Proxus.Drivers.S7;
using Proxus.Simulators.S7;

namespace Proxus.Interop.Tests.S7;

/// <summary>The simulator's moving-value syntax and arithmetic (no peer needed; kept next to the simulator's other tests).</summary>
public sealed class S7SignalTests
{
    [Fact]
    public void Parse_SineOnReal_ReadsAddressKindAndArguments()
    {
        var signal = S7Signal.Parse("DB1.DBD0:REAL=sine(10, 20, 5)");

        signal.Should().Be(new S7Signal(S7Address.Parse("DB1.DBD0:REAL"), S7SignalKind.Sine, 10, 20, 5));
    }

    [Theory]
    [InlineData("DB1.DBD0:REAL")]
    [InlineData("DB1.DBD0:REAL=sine")]
    [InlineData("DB1.DBD0:REAL=sine(1,2)")]
    [InlineData("DB1.DBD0:REAL=sine(1,2,0)")]
    [InlineData("DB1.DBD0:REAL=square(1,2,3)")]
    [InlineData("DB1.DBD0:REAL=ramp(a,2,3)")]
    [InlineData("MW0=counter(1,0)")]
    [InlineData("DB1.STRING0.10=ramp(1,2,3)")]
    public void Parse_Malformed_ThrowsFormatException(string text)
    {
        var act = () => S7Signal.Parse(text);

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void ValueAt_EachKind_FollowsItsFormula()
    {
        var random = new Random(1);
        var sine = S7Signal.Parse("MD0:REAL=sine(0,100,4)");
        var ramp = S7Signal.Parse("MD0:REAL=ramp(0,100,10)");
        var counter = S7Signal.Parse("MW0=counter(5,0.5)");
        var walk = S7Signal.Parse("MD0:REAL=walk(10,20,1)");

        sine.ValueAt(TimeSpan.FromSeconds(1), 0, random).Should().BeApproximately(100, 1e-9);
        ramp.ValueAt(TimeSpan.FromSeconds(2.5), 0, random).Should().BeApproximately(25, 1e-9);
        counter.ValueAt(TimeSpan.FromSeconds(2.2), 0, random).Should().Be(20);
        walk.ValueAt(TimeSpan.Zero, 19.9, random).Should().BeInRange(18.9, 20);
    }

    [Fact]
    public void ToTypedValue_IntegerOverflow_WrapsLikeThePlc()
    {
        S7Signal.Parse("MW0:INT=counter(1)").ToTypedValue(32768).Should().Be((short)-32768);
        S7Signal.Parse("MB0=counter(1)").ToTypedValue(257).Should().Be((byte)1);
        S7Signal.Parse("M0.0=counter(1)").ToTypedValue(3).Should().Be(true);
    }
}
