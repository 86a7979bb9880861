using Proxus.Drivers.S7;

namespace Proxus.Drivers.Tests.S7;

public sealed class S7AddressTests
{
    public static TheoryData<string, S7Area, int, int, int, S7DataType, int, string> ValidAddresses() => new()
    {
        { "DB40.DBD12", S7Area.DataBlock, 40, 12, 0, S7DataType.DWord, 0, "DB40.DBD12" },
        { "DB40.DBD12:REAL", S7Area.DataBlock, 40, 12, 0, S7DataType.Real, 0, "DB40.DBD12:REAL" },
        { "db1.dbx0.3", S7Area.DataBlock, 1, 0, 3, S7DataType.Bool, 0, "DB1.DBX0.3" },
        { "DB2.DBW4", S7Area.DataBlock, 2, 4, 0, S7DataType.Word, 0, "DB2.DBW4" },
        { "DB2.DBW4:INT", S7Area.DataBlock, 2, 4, 0, S7DataType.Int, 0, "DB2.DBW4:INT" },
        { "DB2.DBB7", S7Area.DataBlock, 2, 7, 0, S7DataType.Byte, 0, "DB2.DBB7" },
        { "DB9.DBD0:DINT", S7Area.DataBlock, 9, 0, 0, S7DataType.DInt, 0, "DB9.DBD0:DINT" },
        { "DB3.STRING10.20", S7Area.DataBlock, 3, 10, 0, S7DataType.String, 20, "DB3.STRING10.20" },
        { "DB1.DT8", S7Area.DataBlock, 1, 8, 0, S7DataType.DateAndTime, 0, "DB1.DT8" },
        { "MW10", S7Area.Flags, 0, 10, 0, S7DataType.Word, 0, "MW10" },
        { "MD20", S7Area.Flags, 0, 20, 0, S7DataType.DWord, 0, "MD20" },
        { "MD20:REAL", S7Area.Flags, 0, 20, 0, S7DataType.Real, 0, "MD20:REAL" },
        { "MB1", S7Area.Flags, 0, 1, 0, S7DataType.Byte, 0, "MB1" },
        { "M0.1", S7Area.Flags, 0, 0, 1, S7DataType.Bool, 0, "M0.1" },
        { "I0.1", S7Area.Inputs, 0, 0, 1, S7DataType.Bool, 0, "I0.1" },
        { "E0.1", S7Area.Inputs, 0, 0, 1, S7DataType.Bool, 0, "I0.1" },
        { "IW2", S7Area.Inputs, 0, 2, 0, S7DataType.Word, 0, "IW2" },
        { "Q1.0", S7Area.Outputs, 0, 1, 0, S7DataType.Bool, 0, "Q1.0" },
        { "A1.7", S7Area.Outputs, 0, 1, 7, S7DataType.Bool, 0, "Q1.7" },
        { "QB0", S7Area.Outputs, 0, 0, 0, S7DataType.Byte, 0, "QB0" },
        { "QW4:INT", S7Area.Outputs, 0, 4, 0, S7DataType.Int, 0, "QW4:INT" },
        { "T3", S7Area.Timers, 0, 3, 0, S7DataType.Timer, 0, "T3" },
        { "C4", S7Area.Counters, 0, 4, 0, S7DataType.Counter, 0, "C4" },
        { "Z4", S7Area.Counters, 0, 4, 0, S7DataType.Counter, 0, "C4" },
        { " DB1.DBD0 : real ", S7Area.DataBlock, 1, 0, 0, S7DataType.Real, 0, "DB1.DBD0:REAL" },
        { "DB65535.DBB2097151", S7Area.DataBlock, 65535, 2097151, 0, S7DataType.Byte, 0, "DB65535.DBB2097151" },
    };

    [Theory]
    [MemberData(nameof(ValidAddresses))]
    public void Parse_ValidSyntax_YieldsLocationTypeAndCanonicalText(string text, S7Area area, int db, int offset, int bit, S7DataType type, int length, string canonical)
    {
        var address = S7Address.Parse(text);

        address.Area.Should().Be(area);
        address.DbNumber.Should().Be(db);
        address.ByteOffset.Should().Be(offset);
        address.BitOffset.Should().Be(bit);
        address.DataType.Should().Be(type);
        address.StringLength.Should().Be(length);
        address.ToString().Should().Be(canonical);
        S7Address.Parse(address.ToString()).Should().Be(address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("DB")]
    [InlineData("DB1")]
    [InlineData("DB1.")]
    [InlineData("DB1.DBX0")]
    [InlineData("DB1.DBX0.8")]
    [InlineData("DB0.DBB0")]
    [InlineData("DB65536.DBB0")]
    [InlineData("DB1.DBB2097152")]
    [InlineData("DB1.DBQ0")]
    [InlineData("DB1.DBW0:REAL")]
    [InlineData("DB1.DBD0:INT")]
    [InlineData("DB1.DBB0:WORD")]
    [InlineData("DB1.DBD0:FLOAT")]
    [InlineData("DB1.STRING0")]
    [InlineData("DB1.STRING0.0")]
    [InlineData("DB1.STRING0.255")]
    [InlineData("MW")]
    [InlineData("MW-1")]
    [InlineData("MW1x")]
    [InlineData("M0.1.2")]
    [InlineData("X0.1")]
    [InlineData("T")]
    [InlineData("T65536")]
    [InlineData("MW9999999999")]
    public void Parse_InvalidSyntax_ThrowsInvalidAddress(string text)
    {
        var act = () => S7Address.Parse(text);

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(S7ErrorReason.InvalidAddress);
        S7Address.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Parse_WithTypeArgument_OverridesSuffix()
    {
        var address = S7Address.Parse("DB1.DBD4:DINT", S7DataType.Real);

        address.DataType.Should().Be(S7DataType.Real);
    }

    [Fact]
    public void Parse_TypeArgumentOfOtherWidth_ThrowsInvalidAddress()
    {
        var act = () => S7Address.Parse("DB1.DBW4", S7DataType.Real);

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(S7ErrorReason.InvalidAddress);
    }

    [Theory]
    [InlineData("DB1.DBX0.0", 1)]
    [InlineData("MW0", 2)]
    [InlineData("MD0:REAL", 4)]
    [InlineData("DB1.STRING0.20", 22)]
    [InlineData("DB1.DT0", 8)]
    [InlineData("T1", 2)]
    public void ByteLength_PerType_IsTheMemoryFootprint(string text, int expected)
    {
        S7Address.Parse(text).ByteLength.Should().Be(expected);
    }

    [Fact]
    public void Constructor_TimerTypeInFlagArea_ThrowsInvalidAddress()
    {
        var act = () => new S7Address(S7Area.Flags, 0, 0, 0, S7DataType.Timer);

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(S7ErrorReason.InvalidAddress);
    }
}
