using Proxus.Drivers.S7;

namespace Proxus.Drivers.Tests.S7;

public sealed class S7ClientOptionsTests
{
    [Theory]
    [InlineData(0, 2, S7ConnectionType.Pg, 0x0102)]
    [InlineData(0, 1, S7ConnectionType.Pg, 0x0101)]
    [InlineData(1, 3, S7ConnectionType.Op, 0x0223)]
    [InlineData(0, 2, S7ConnectionType.Basic, 0x0302)]
    public void EffectiveRemoteTsap_RackAndSlot_EncodesTypeRackAndSlot(int rack, int slot, S7ConnectionType type, int expected)
    {
        var options = new S7ClientOptions { Host = "plc", Rack = rack, Slot = slot, ConnectionType = type };

        options.EffectiveRemoteTsap.Should().Be((ushort)expected);
        options.EffectiveLocalTsap.Should().Be(0x0100);
    }

    [Fact]
    public void EffectiveRemoteTsap_Explicit_OverridesRackAndSlot()
    {
        var options = new S7ClientOptions { Host = "logo", LocalTsap = 0x0200, RemoteTsap = 0x0300 };

        (options.EffectiveLocalTsap, options.EffectiveRemoteTsap).Should().Be(((ushort)0x0200, (ushort)0x0300));
    }

    [Theory]
    [InlineData("", 102, 960, 20)]
    [InlineData("plc", 0, 960, 20)]
    [InlineData("plc", 102, 32, 20)]
    [InlineData("plc", 102, 65529, 20)]
    [InlineData("plc", 102, 960, 0)]
    [InlineData("plc", 102, 960, 256)]
    public void Validate_OutOfRange_ThrowsArgumentException(string host, int port, int pduSize, int maxItems)
    {
        var act = () => new S7Client(new S7ClientOptions { Host = host, Port = port, PduSize = pduSize, MaxItemsPerRequest = maxItems });

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(6, 1000)]
    [InlineData(1000, 1000)]
    public void BackoffDelay_ConsecutiveFailures_DoublesUpToTheCap(int failures, int expectedMilliseconds)
    {
        S7Client.BackoffDelay(failures, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)).Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));
    }
}
