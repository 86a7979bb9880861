using Proxus.Core.Units;

namespace Proxus.Core.Tests.Units;

public sealed class UnitCatalogTests
{
    [Theory]
    [InlineData(100, "degC", "degF", 212)]
    [InlineData(-40, "degC", "degF", -40)]
    [InlineData(32, "degF", "degC", 0)]
    [InlineData(0, "degC", "K", 273.15)]
    [InlineData(0, "K", "degF", -459.67)]
    [InlineData(1, "bar", "kPa", 100)]
    [InlineData(1000, "mbar", "bar", 1)]
    [InlineData(1, "psi", "Pa", 6894.757293168361)]
    [InlineData(1, "MPa", "bar", 10)]
    [InlineData(1, "kWh", "Wh", 1000)]
    [InlineData(1, "kWh", "MJ", 3.6)]
    [InlineData(3.6, "m3/h", "l/s", 1)]
    [InlineData(60, "l/min", "l/s", 1)]
    [InlineData(1, "m3/s", "m3/h", 3600)]
    [InlineData(1, "t/h", "kg/h", 1000)]
    [InlineData(60, "rpm", "rad/s", 6.283185307179586)]
    [InlineData(50, "%", "ppm", 500000)]
    [InlineData(1500, "mA", "A", 1.5)]
    [InlineData(1, "kV", "V", 1000)]
    [InlineData(1, "h", "min", 60)]
    [InlineData(1500, "ms", "s", 1.5)]
    [InlineData(1, "t", "kg", 1000)]
    [InlineData(1, "kNm", "Nm", 1000)]
    [InlineData(36, "km/h", "m/s", 10)]
    [InlineData(1, "in", "mm", 25.4)]
    [InlineData(2, "kW", "W", 2000)]
    public void Convert_CompatibleUnits_ReturnsExpectedValue(double value, string from, string to, double expected)
    {
        UnitCatalog.Convert(value, from, to).Should().BeApproximately(expected, Math.Abs(expected) * 1e-12 + 1e-12);
    }

    [Fact]
    public void Convert_RoundTrip_ReturnsTheOriginal()
    {
        foreach (var unit in UnitCatalog.All)
        {
            foreach (var other in UnitCatalog.All.Where(u => u.Dimension == unit.Dimension))
            {
                var back = UnitCatalog.Convert(UnitCatalog.Convert(12.5, unit.Code, other.Code), other.Code, unit.Code);
                back.Should().BeApproximately(12.5, 1e-9, $"{unit.Code} -> {other.Code} -> {unit.Code}");
            }
        }
    }

    [Fact]
    public void GetConversion_SameUnit_IsIdentity()
    {
        UnitCatalog.GetConversion("degC", "degC").IsIdentity.Should().BeTrue();
    }

    [Fact]
    public void GetConversion_IncompatibleUnits_ThrowsWithBothDimensions()
    {
        var act = () => UnitCatalog.GetConversion("bar", "degC");

        act.Should().Throw<UnitConversionException>().WithMessage("cannot convert 'bar' (Pressure) to 'degC' (Temperature)");
    }

    [Theory]
    [InlineData("Bar", "bar")]
    [InlineData("bar", "°C")]
    [InlineData("MA", "A")]
    public void TryGetConversion_UnknownCode_ReportsTheUnknownUnit(string from, string to)
    {
        var unknown = UnitCatalog.TryGet(from, out _) ? to : from;

        UnitCatalog.TryGetConversion(from, to, out _, out var error).Should().BeFalse();

        error.Should().Be($"unknown unit '{unknown}'");
    }

    [Fact]
    public void Difference_TemperatureSpan_IgnoresTheOffset()
    {
        UnitCatalog.GetConversion("degC", "degF").ApplyToDifference(10).Should().BeApproximately(18, 1e-12);
    }

    [Theory]
    [InlineData("degC", Dimension.Temperature)]
    [InlineData("m3/h", Dimension.VolumeFlow)]
    [InlineData("kg/h", Dimension.MassFlow)]
    [InlineData("%", Dimension.Ratio)]
    [InlineData("Nm", Dimension.Torque)]
    public void TryGet_KnownCode_HasItsDimension(string code, Dimension dimension)
    {
        UnitCatalog.TryGet(code, out var unit).Should().BeTrue();
        unit!.Dimension.Should().Be(dimension);
    }

    [Fact]
    public void All_CodesAreUniqueAndAscii()
    {
        UnitCatalog.All.Select(u => u.Code).Should().OnlyHaveUniqueItems();
        UnitCatalog.All.Should().OnlyContain(u => u.Code.All(char.IsAscii));
        UnitCatalog.All.Count.Should().BeGreaterThan(60);
    }
}
