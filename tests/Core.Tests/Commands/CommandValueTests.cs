using Proxus.Core.Commands;
using Proxus.Core.Model;

namespace Proxus.Core.Tests.Commands;

public sealed class CommandValueTests
{
    [Theory]
    [InlineData(DataType.Bool, "true", "true")]
    [InlineData(DataType.Int16, "-00042", "-42")]
    [InlineData(DataType.UInt16, "+65535", "65535")]
    [InlineData(DataType.Float32, "12.50", "12.5")]
    [InlineData(DataType.Float32, "0.1", "0.1")]
    [InlineData(DataType.Float64, "1e3", "1000")]
    [InlineData(DataType.UInt64, "18446744073709551615", "18446744073709551615")]
    public void TryNormalize_Valid_ReturnsCanonicalText(DataType type, string text, string canonical)
    {
        CommandValue.TryNormalize(type, text, out var result, out var error).Should().BeTrue(error);
        result.Should().Be(canonical);
    }

    [Theory]
    [InlineData(DataType.Bool, "1")]
    [InlineData(DataType.Bool, "True")]
    [InlineData(DataType.Int16, "40000")]
    [InlineData(DataType.UInt16, "-1")]
    [InlineData(DataType.Int32, "1.5")]
    [InlineData(DataType.Float32, "1e39")]
    [InlineData(DataType.Float64, "NaN")]
    [InlineData(DataType.Float64, "Infinity")]
    [InlineData(DataType.Float64, " 1")]
    [InlineData(DataType.Float64, "")]
    [InlineData(DataType.String, "text")]
    [InlineData(DataType.DateTime, "2026-11-21")]
    public void TryNormalize_Invalid_IsRefused(DataType type, string text)
    {
        CommandValue.TryNormalize(type, text, out _, out var error).Should().BeFalse();
        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void TryNormalize_OverlongText_IsRefused()
    {
        CommandValue.TryNormalize(DataType.Float64, new string('1', CommandValue.MaxTextLength + 1), out _, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("5", null)]
    [InlineData("0", null)]
    [InlineData("100", null)]
    [InlineData("-0.5", "-0.5 is below the write minimum 0")]
    [InlineData("100.5", "100.5 is above the write maximum 100")]
    public void CheckLimits_AgainstTheTagLimits(string value, string? expected)
    {
        var tag = TestTags.Float() with { Writable = true, WriteMin = 0, WriteMax = 100 };

        CommandValue.CheckLimits(tag, value).Should().Be(expected);
    }
}
