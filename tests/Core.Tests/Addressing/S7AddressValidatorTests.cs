using Proxus.Core.Addressing;
using Proxus.Core.Model;

namespace Proxus.Core.Tests.Addressing;

public sealed class S7AddressValidatorTests
{
    [Theory]
    [InlineData("DB40.DBD12", DataType.Float32, null, "DB40", 12, 16, -1)]
    [InlineData("db40.dbd12", DataType.Int32, null, "DB40", 12, 16, -1)]
    [InlineData("DB1.DBX0.3", DataType.Bool, null, "DB1", 0, 1, 3)]
    [InlineData("DB1.DBB7", DataType.Byte, null, "DB1", 7, 8, -1)]
    [InlineData("DB1.DBW4", DataType.Int16, null, "DB1", 4, 6, -1)]
    [InlineData("DB3.STRING10.20", DataType.String, null, "DB3", 10, 32, -1)]
    [InlineData("DB3.STRING10.20", DataType.String, 20, "DB3", 10, 32, -1)]
    [InlineData("DB1.DT0", DataType.DateTime, null, "DB1", 0, 8, -1)]
    [InlineData("MW10", DataType.UInt16, null, "M", 10, 12, -1)]
    [InlineData("M0.1", DataType.Bool, null, "M", 0, 1, 1)]
    [InlineData("MD20", DataType.Float32, null, "M", 20, 24, -1)]
    [InlineData("I0.1", DataType.Bool, null, "I", 0, 1, 1)]
    [InlineData("E0.1", DataType.Bool, null, "I", 0, 1, 1)]
    [InlineData("Q1.0", DataType.Bool, null, "Q", 1, 2, 0)]
    [InlineData("AW2", DataType.Int16, null, "Q", 2, 4, -1)]
    [InlineData("IB0", DataType.SByte, null, "I", 0, 1, -1)]
    [InlineData("T3", DataType.UInt16, null, "T", 3, 4, -1)]
    [InlineData("Z4", DataType.UInt16, null, "C", 4, 5, -1)]
    public void TryValidate_ValidAddress_ReturnsFootprint(string address, DataType type, int? length, string space, long start, long end, int bit)
    {
        S7AddressValidator.Instance.TryValidate(address, type, length, out var footprint, out var error).Should().BeTrue(error);

        footprint.Should().Be(new AddressFootprint(space, start, end, bit));
    }

    [Theory]
    [InlineData("DB40.DBD12:REAL", DataType.Float32, null, "'DB40.DBD12:REAL' is not an S7 address (DB40.DBD12, DB1.DBX0.3, DB3.STRING10.20, DB1.DT0, MW10, I0.1, Q1.0, T3 or C4)")]
    [InlineData("DB0.DBW0", DataType.Int16, null, "data block 0 is outside 1..65535")]
    [InlineData("DB1.DBW2097152", DataType.Int16, null, "byte offset 2097152 is above 2097151")]
    [InlineData("DB1.DBX0", DataType.Bool, null, "a bit address needs a bit number (DB1.DBX0.3, M0.1)")]
    [InlineData("DB1.DBX0.8", DataType.Bool, null, "bit 8 is above 7")]
    [InlineData("DB1.DBW0.1", DataType.Int16, null, "a bit number applies to bit addresses only (X), not to W")]
    [InlineData("DB1.DBX0.1", DataType.Int16, null, "a bit holds a Bool value, not Int16")]
    [InlineData("DB1.DBD0", DataType.Float64, null, "a D location holds Int32, UInt32 or Float32, not Float64")]
    [InlineData("MW0", DataType.Float32, null, "a W location holds Int16 or UInt16, not Float32")]
    [InlineData("DB1.STRING0.255", DataType.String, null, "STRING length 255 is outside 1..254")]
    [InlineData("DB1.STRING0.10", DataType.String, 12, "length 12 differs from the STRING length 10 of the address")]
    [InlineData("DB1.STRING0.10", DataType.Int16, null, "a STRING location holds a String value, not Int16")]
    [InlineData("DB1.DT0", DataType.String, null, "a DT location holds a DateTime value, not String")]
    [InlineData("T1", DataType.Int32, null, "a timer holds a UInt16 value, not Int32")]
    [InlineData("C70000", DataType.UInt16, null, "counter 70000 is above 65535")]
    public void TryValidate_InvalidAddress_ReturnsPreciseError(string address, DataType type, int? length, string expected)
    {
        S7AddressValidator.Instance.TryValidate(address, type, length, out _, out var error).Should().BeFalse();

        error.Should().Be(expected);
    }
}
