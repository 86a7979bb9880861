using Proxus.Core.Addressing;
using Proxus.Core.Model;

namespace Proxus.Core.Tests.Addressing;

public sealed class ModbusAddressValidatorTests
{
    [Theory]
    [InlineData("HR100", DataType.Float32, null, "HR", 100, 102, -1)]
    [InlineData("hr100", DataType.Int16, null, "HR", 100, 101, -1)]
    [InlineData("IR5", DataType.UInt16, null, "IR", 5, 6, -1)]
    [InlineData("CO12", DataType.Bool, null, "CO", 12, 13, -1)]
    [InlineData("DI3", DataType.Bool, null, "DI", 3, 4, -1)]
    [InlineData("HR100.3", DataType.Bool, null, "HR", 100, 101, 3)]
    [InlineData("40001", DataType.Int16, null, "HR", 0, 1, -1)]
    [InlineData("400001", DataType.Float64, null, "HR", 0, 4, -1)]
    [InlineData("465536", DataType.UInt16, null, "HR", 65535, 65536, -1)]
    [InlineData("30010", DataType.Int32, null, "IR", 9, 11, -1)]
    [InlineData("00001", DataType.Bool, null, "CO", 0, 1, -1)]
    [InlineData("100002", DataType.Bool, null, "DI", 1, 2, -1)]
    [InlineData("40001.15", DataType.Bool, null, "HR", 0, 1, 15)]
    [InlineData("HR10", DataType.String, 7, "HR", 10, 14, -1)]
    [InlineData("HR65532", DataType.UInt64, null, "HR", 65532, 65536, -1)]
    public void TryValidate_ValidAddress_ReturnsFootprint(string address, DataType type, int? length, string space, long start, long end, int bit)
    {
        ModbusAddressValidator.Instance.TryValidate(address, type, length, out var footprint, out var error).Should().BeTrue(error);

        footprint.Should().Be(new AddressFootprint(space, start, end, bit));
    }

    [Theory]
    [InlineData("HR", DataType.Int16, null, "'HR' is not a Modbus address (HR100, IR5, CO12, DI3, HR100.3, 40001 or 400001)")]
    [InlineData("XR5", DataType.Int16, null, "'XR5' is not a Modbus address (HR100, IR5, CO12, DI3, HR100.3, 40001 or 400001)")]
    [InlineData("20001", DataType.Int16, null, "'20001' is not a Modbus address (HR100, IR5, CO12, DI3, HR100.3, 40001 or 400001)")]
    [InlineData("4001", DataType.Int16, null, "'4001' is not a Modbus address (HR100, IR5, CO12, DI3, HR100.3, 40001 or 400001)")]
    [InlineData("HR70000", DataType.Int16, null, "offset 70000 is above 65535")]
    [InlineData("40000", DataType.Int16, null, "'40000': the 5-digit form counts from 1 to 9999")]
    [InlineData("465537", DataType.Int16, null, "'465537': the 6-digit form counts from 1 to 65536")]
    [InlineData("CO1.2", DataType.Bool, null, "a bit suffix applies to registers only (HR, IR)")]
    [InlineData("HR1.16", DataType.Bool, null, "bit 16 is above 15")]
    [InlineData("CO1", DataType.Int16, null, "coils and discrete inputs hold Bool values, not Int16")]
    [InlineData("HR1.2", DataType.Int16, null, "a register bit holds a Bool value, not Int16")]
    [InlineData("HR1", DataType.Bool, null, "a Bool on a register needs a bit suffix (HR100.3)")]
    [InlineData("HR1", DataType.String, null, "a String tag on Modbus needs a length (characters)")]
    [InlineData("HR1", DataType.String, 251, "string length 251 is outside 1..250")]
    [InlineData("HR1", DataType.DateTime, null, "Modbus registers do not hold DateTime values")]
    [InlineData("HR65535", DataType.Float32, null, "Float32 needs 2 registers from offset 65535 and runs past offset 65535")]
    [InlineData("HR１", DataType.Int16, null, "'HR１' is not a Modbus address (HR100, IR5, CO12, DI3, HR100.3, 40001 or 400001)")]
    public void TryValidate_InvalidAddress_ReturnsPreciseError(string address, DataType type, int? length, string expected)
    {
        ModbusAddressValidator.Instance.TryValidate(address, type, length, out _, out var error).Should().BeFalse();

        error.Should().Be(expected);
    }
}
