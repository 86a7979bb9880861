using Proxus.Core.Model;
using Proxus.Core.Normalization;
using Proxus.Core.Units;

namespace Proxus.Core.Tests.Normalization;

public sealed class TagNormalizerTests
{
    private static readonly LinearScaling FourToTwenty = new(0, 27648, 0, 100);

    [Fact]
    public void Normalize_Scaling_MapsRawOntoEngineeringRange()
    {
        var normalizer = new TagNormalizer(TestTags.Float() with { DataType = DataType.Int16, Scaling = FourToTwenty, SourceUnit = "degC" });

        var result = normalizer.Normalize(TagValue.FromInt64(13824));

        result.Value.AsDouble.Should().Be(50);
        result.Quality.Should().Be(Quality.Good);
        normalizer.Unit.Should().Be("degC");
    }

    [Fact]
    public void Normalize_ScalingThenConversion_PublishesInTheTargetUnit()
    {
        var tag = TestTags.Float() with { DataType = DataType.Int16, Scaling = FourToTwenty, SourceUnit = "degC", Unit = "degF" };

        var result = new TagNormalizer(tag).Normalize(TagValue.FromInt64(27648));

        result.Value.AsDouble.Should().BeApproximately(212, 1e-9);
        result.Quality.Level.Should().Be(QualityLevel.Good);
    }

    [Fact]
    public void Normalize_InvertedRange_MapsLinearly()
    {
        var tag = TestTags.Float() with { Scaling = new LinearScaling(0, 1000, 100, 0) };

        new TagNormalizer(tag).Normalize(TagValue.FromDouble(250)).Value.AsDouble.Should().Be(75);
    }

    [Fact]
    public void Normalize_OutOfRangeWithClamp_ClampsAndIsUncertain()
    {
        var tag = TestTags.Float() with { Scaling = FourToTwenty with { Clamp = true } };

        var result = new TagNormalizer(tag).Normalize(TagValue.FromInt64(30000));

        result.Value.AsDouble.Should().Be(100);
        result.Quality.Should().Be(Quality.Uncertain(TagNormalizer.ClampedReason));
    }

    [Fact]
    public void Normalize_OutOfRangeWithoutClamp_KeepsValueAndIsUncertain()
    {
        var tag = TestTags.Float() with { Scaling = FourToTwenty };

        var result = new TagNormalizer(tag).Normalize(TagValue.FromInt64(-2765));

        result.Value.AsDouble.Should().BeApproximately(-10.0006, 1e-3);
        result.Quality.Should().Be(Quality.Uncertain(TagNormalizer.OutOfRangeReason));
    }

    [Fact]
    public void Normalize_NoTransform_KeepsTheIntegerKind()
    {
        var tag = TestTags.Float() with { DataType = DataType.UInt32 };

        var result = new TagNormalizer(tag).Normalize(TagValue.FromUInt64(4_000_000_000));

        result.Value.Should().Be(TagValue.FromUInt64(4_000_000_000));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Normalize_NonFiniteFloat_IsBadWithoutValue(double raw)
    {
        var result = new TagNormalizer(TestTags.Float()).Normalize(TagValue.FromDouble(raw));

        result.Value.Kind.Should().Be(TagValueKind.None);
        result.Quality.Should().Be(Quality.Bad(TagNormalizer.NotFiniteReason));
    }

    [Fact]
    public void Normalize_WrongKindFromDevice_IsBadWithReason()
    {
        var result = new TagNormalizer(TestTags.Float()).Normalize(TagValue.FromString("oops"));

        result.Quality.Should().Be(Quality.Bad("the device returned a String value for a Float32 tag"));
    }

    [Fact]
    public void Normalize_NoValue_IsBad()
    {
        new TagNormalizer(TestTags.Float()).Normalize(TagValue.None).Quality.Should().Be(Quality.Bad(TagNormalizer.NoValueReason));
    }

    [Fact]
    public void Normalize_BoolAndString_PassThrough()
    {
        var flag = TestTags.Float() with { DataType = DataType.Bool };
        var text = TestTags.Float() with { DataType = DataType.String, Length = 10 };

        new TagNormalizer(flag).Normalize(TagValue.FromBool(true)).Value.Should().Be(TagValue.FromBool(true));
        new TagNormalizer(text).Normalize(TagValue.FromString("OK")).Value.Should().Be(TagValue.FromString("OK"));
    }

    [Fact]
    public void Constructor_IncompatibleUnits_Throws()
    {
        var act = () => new TagNormalizer(TestTags.Float() with { SourceUnit = "bar", Unit = "degC" });

        act.Should().Throw<UnitConversionException>().WithMessage("cannot convert 'bar' (Pressure) to 'degC' (Temperature)");
    }

    [Fact]
    public void Constructor_UnknownPublishedUnit_Throws()
    {
        var act = () => new TagNormalizer(TestTags.Float() with { Unit = "furlong" });

        act.Should().Throw<UnitConversionException>().WithMessage("unknown unit 'furlong'");
    }
}
