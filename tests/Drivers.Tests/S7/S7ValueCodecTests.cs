using Proxus.Drivers.S7;

namespace Proxus.Drivers.Tests.S7;

public sealed class S7ValueCodecTests
{
    public static TheoryData<string, object, string> KnownVectors() => new()
    {
        { "DB1.DBX0.0", true, "01" },
        { "DB1.DBB0", (byte)0xA5, "A5" },
        { "DB1.DBW0", (ushort)0x1234, "1234" },
        { "DB1.DBW0:INT", (short)-1234, "FB2E" },
        { "DB1.DBD0", 0xDEADBEEFu, "DEADBEEF" },
        { "DB1.DBD0:DINT", -123456789, "F8A432EB" },
        { "DB1.DBD0:REAL", 72.4f, "4290CCCD" },
        { "DB1.STRING0.6", "abc", "0603616263000000" },
        { "DB1.DT0", new DateTime(2024, 3, 15, 13, 45, 30, 123), "2403151345301236" },
        { "DB1.DT0", new DateTime(1999, 12, 31, 23, 59, 59, 999), "9912312359599996" },
        { "T0", (ushort)0x2345, "2345" },
    };

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Encode_KnownValue_ProducesBigEndianBytes(string address, object value, string hex)
    {
        Convert.ToHexString(S7ValueCodec.Encode(S7Address.Parse(address), value)).Should().Be(hex);
    }

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Decode_KnownBytes_ProducesValue(string address, object value, string hex)
    {
        S7ValueCodec.Decode(S7Address.Parse(address), Convert.FromHexString(hex)).Should().Be(value);
    }

    [Theory]
    [InlineData("DB1.DBW0:INT", "-42", (short)-42)]
    [InlineData("DB1.DBX0.0", "1", true)]
    [InlineData("DB1.DBX0.0", "false", false)]
    [InlineData("DB1.DBB0", 200, (byte)200)]
    public void Encode_ConvertibleInput_AcceptsTextAndNumbers(string address, object input, object expected)
    {
        var parsed = S7Address.Parse(address);

        S7ValueCodec.Decode(parsed, S7ValueCodec.Encode(parsed, input)).Should().Be(expected);
    }

    [Theory]
    [InlineData("DB1.DBB0", 256)]
    [InlineData("DB1.DBW0:INT", 40000)]
    [InlineData("DB1.DBX0.0", 2)]
    [InlineData("DB1.DBD0:REAL", "abc")]
    [InlineData("DB1.STRING0.3", "toolong")]
    [InlineData("DB1.STRING0.3", "\u20ac")]
    public void Encode_OutOfRangeOrUnconvertible_ThrowsInvalidValue(string address, object value)
    {
        var act = () => S7ValueCodec.Encode(S7Address.Parse(address), value);

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(S7ErrorReason.InvalidValue);
    }

    [Fact]
    public void Encode_DateBeforeDateAndTimeRange_ThrowsInvalidValue()
    {
        var act = () => S7ValueCodec.Encode(S7Address.Parse("DB1.DT0"), new DateTime(1989, 12, 31));

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(S7ErrorReason.InvalidValue);
    }

    [Theory]
    [InlineData("2403151345301A36")]
    [InlineData("24131513453012F6")]
    [InlineData("2402301345301236")]
    public void Decode_DateAndTimeNotBcdOrNoDate_ThrowsInvalidValue(string hex)
    {
        var act = () => S7ValueCodec.Decode(S7Address.Parse("DB1.DT0"), Convert.FromHexString(hex));

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(S7ErrorReason.InvalidValue);
    }

    [Theory]
    [InlineData("06FF616263646566", "abcdef")]
    [InlineData("FF05616263646566", "abcde")]
    [InlineData("0209616263646566", "ab")]
    public void Decode_StringLengthBytesLie_ClampsToDeclaredCapacity(string hex, string expected)
    {
        S7ValueCodec.Decode(S7Address.Parse("DB1.STRING0.6"), Convert.FromHexString(hex)).Should().Be(expected);
    }

    [Fact]
    public void Decode_FewerBytesThanTheType_ThrowsInvalidValue()
    {
        var act = () => S7ValueCodec.Decode(S7Address.Parse("DB1.DBD0"), new byte[3]);

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(S7ErrorReason.InvalidValue);
    }
}
