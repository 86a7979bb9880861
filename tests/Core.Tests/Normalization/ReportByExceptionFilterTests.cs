using Proxus.Core.Model;
using Proxus.Core.Normalization;
using Proxus.Core.Units;

namespace Proxus.Core.Tests.Normalization;

public sealed class ReportByExceptionFilterTests
{
    private static NormalizedValue Good(double value) => new(TagValue.FromDouble(value), Quality.Good);

    [Fact]
    public void ShouldReport_AbsoluteDeadband_ReportsOnlyBeyondIt()
    {
        var filter = new ReportByExceptionFilter(TestTags.Float() with { Deadband = new Deadband(DeadbandKind.Absolute, 0.5) }, UnitConversion.Identity);

        filter.ShouldReport(Good(10)).Should().BeTrue("the first value is always reported");
        filter.ShouldReport(Good(10.4)).Should().BeFalse();
        filter.ShouldReport(Good(10.5)).Should().BeFalse("the change must exceed the deadband");
        filter.ShouldReport(Good(10.51)).Should().BeTrue();
        filter.ShouldReport(Good(10.2)).Should().BeFalse();
    }

    [Fact]
    public void ShouldReport_SlowDrift_IsReportedOnceItAddsUp()
    {
        var filter = new ReportByExceptionFilter(TestTags.Float() with { Deadband = new Deadband(DeadbandKind.Absolute, 1) }, UnitConversion.Identity);
        filter.ShouldReport(Good(0));

        var reported = Enumerable.Range(1, 15).Select(i => filter.ShouldReport(Good(i * 0.3))).ToList();

        reported.Count(r => r).Should().Be(3, "1.2, 2.4 and 3.6 each exceed the last published value by more than 1");
        reported[3].Should().BeTrue("1.2 is the first value more than 1 away from 0");
    }

    [Fact]
    public void Threshold_PercentDeadband_IsPercentOfTheConvertedSpan()
    {
        var tag = TestTags.Float() with
        {
            Scaling = new LinearScaling(0, 27648, 0, 100),
            SourceUnit = "degC",
            Unit = "degF",
            Deadband = new Deadband(DeadbandKind.Percent, 1),
        };

        var filter = new ReportByExceptionFilter(tag, UnitCatalog.GetConversion("degC", "degF"));

        filter.Threshold.Should().BeApproximately(1.8, 1e-12);
    }

    [Fact]
    public void ShouldReport_QualityChange_IsReportedEvenWithinTheDeadband()
    {
        var filter = new ReportByExceptionFilter(TestTags.Float() with { Deadband = new Deadband(DeadbandKind.Absolute, 5) }, UnitConversion.Identity);
        filter.ShouldReport(Good(10));

        filter.ShouldReport(new NormalizedValue(TagValue.FromDouble(10), Quality.Uncertain("clamped"))).Should().BeTrue();
        filter.ShouldReport(new NormalizedValue(TagValue.None, Quality.Bad("connection lost"))).Should().BeTrue();
        filter.ShouldReport(new NormalizedValue(TagValue.None, Quality.Bad("connection lost"))).Should().BeFalse();
        filter.ShouldReport(Good(10)).Should().BeTrue();
    }

    [Fact]
    public void ShouldReport_ZeroDeadband_ReportsAnyChangeOnly()
    {
        var filter = new ReportByExceptionFilter(TestTags.Float(), UnitConversion.Identity);

        filter.ShouldReport(Good(1)).Should().BeTrue();
        filter.ShouldReport(Good(1)).Should().BeFalse();
        filter.ShouldReport(Good(1.0000001)).Should().BeTrue();
    }

    [Fact]
    public void ShouldReport_WithoutReportByException_ReportsEverything()
    {
        var filter = new ReportByExceptionFilter(TestTags.Float() with { ReportByException = false }, UnitConversion.Identity);

        filter.ShouldReport(Good(1)).Should().BeTrue();
        filter.ShouldReport(Good(1)).Should().BeTrue();
    }

    [Fact]
    public void ShouldReport_NonNumericValues_ReportOnChange()
    {
        var filter = new ReportByExceptionFilter(TestTags.Float() with { DataType = DataType.String, Length = 8 }, UnitConversion.Identity);
        var run = new NormalizedValue(TagValue.FromString("RUN"), Quality.Good);

        filter.ShouldReport(run).Should().BeTrue();
        filter.ShouldReport(run).Should().BeFalse();
        filter.ShouldReport(new NormalizedValue(TagValue.FromString("STOP"), Quality.Good)).Should().BeTrue();
    }

    [Fact]
    public void Reset_ForcesTheNextValueOut()
    {
        var filter = new ReportByExceptionFilter(TestTags.Float(), UnitConversion.Identity);
        filter.ShouldReport(Good(1));

        filter.Reset();

        filter.ShouldReport(Good(1)).Should().BeTrue();
    }
}
