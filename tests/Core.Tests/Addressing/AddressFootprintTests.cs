using Proxus.Core.Addressing;
using Proxus.Core.Model;

namespace Proxus.Core.Tests.Addressing;

public sealed class AddressFootprintTests
{
    [Theory]
    [InlineData("HR", 100, 102, -1, "HR", 101, 102, -1, true)]
    [InlineData("HR", 100, 102, -1, "HR", 102, 103, -1, false)]
    [InlineData("HR", 100, 102, -1, "IR", 100, 102, -1, false)]
    [InlineData("HR", 100, 101, 3, "HR", 100, 101, 3, true)]
    [InlineData("HR", 100, 101, 3, "HR", 100, 101, 4, false)]
    [InlineData("HR", 100, 101, 3, "HR", 100, 101, -1, false)]
    public void Overlaps_FollowsTheDocumentedRule(string s1, long a1, long b1, int bit1, string s2, long a2, long b2, int bit2, bool expected)
    {
        var first = new AddressFootprint(s1, a1, b1, bit1);
        var second = new AddressFootprint(s2, a2, b2, bit2);

        first.Overlaps(second).Should().Be(expected);
        second.Overlaps(first).Should().Be(expected);
    }

    [Fact]
    public void With_ReplacesOneProtocolsValidator()
    {
        var custom = new RejectEverything();

        var validators = AddressValidators.Default.With(Protocol.S7, custom);

        validators.For(Protocol.S7).Should().BeSameAs(custom);
        validators.For(Protocol.ModbusTcp).Should().BeSameAs(ModbusAddressValidator.Instance);
        AddressValidators.Default.For(Protocol.S7).Should().BeSameAs(S7AddressValidator.Instance);
    }

    private sealed class RejectEverything : IAddressValidator
    {
        public bool TryValidate(string address, DataType dataType, int? length, out AddressFootprint footprint, out string error)
        {
            footprint = default;
            error = "rejected";
            return false;
        }
    }
}
