using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Telemetry;

public sealed class HistoryFormatTests
{
    [Theory]
    [InlineData("500ms", 5_000_000L)]
    [InlineData("1s", 10_000_000L)]
    [InlineData("15m", 9_000_000_000L)]
    [InlineData("1h", 36_000_000_000L)]
    [InlineData("1d", 864_000_000_000L)]
    [InlineData("366d", 316_224_000_000_000L)]
    public void BucketWidth_ValidText_ParsesTicks(string text, long ticks)
    {
        BucketWidth.TryParse(text, out var width).Should().BeTrue();
        width.Ticks.Should().Be(ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("1")]
    [InlineData("s")]
    [InlineData("1w")]
    [InlineData("1.5h")]
    [InlineData("367d")]
    [InlineData("99999999999999d")]
    [InlineData("1 h")]
    public void BucketWidth_InvalidText_False(string? text) => BucketWidth.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void CsvRow_Values_FormattedInvariantAndEscaped()
    {
        var at = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).AddTicks(1230);

        HistoryCsv.Row(new HistoryPoint("A/B", at, 72.4, "good")).Should().Be("A/B,2026-11-21T10:00:00.000123Z,72.4,good\r\n");
        HistoryCsv.Row(new HistoryPoint("A/B", at, true, "bad")).Should().Be("A/B,2026-11-21T10:00:00.000123Z,true,bad\r\n");
        HistoryCsv.Row(new HistoryPoint("A/B", at, null, "bad")).Should().Be("A/B,2026-11-21T10:00:00.000123Z,,bad\r\n");
        HistoryCsv.Row(new HistoryPoint("A/B,C", at, "say \"hi\"\nbye", "good")).Should().Be("\"A/B,C\",2026-11-21T10:00:00.000123Z,\"say \"\"hi\"\"\nbye\",good\r\n");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("plain", "plain")]
    public void CsvEscape_FormulaText_Neutralized(string text, string expected) => HistoryCsv.Escape(text).Should().Be(expected);
}
