namespace Proxus.Core.Units;

public static partial class UnitCatalog
{
    // Exact factors to the base unit of each dimension (SI where one exists).
    private const double Pound = 0.45359237;
    private const double StandardGravity = 9.80665;
    private const double Inch = 0.0254;

    private static IEnumerable<EngineeringUnit> CreateUnits() =>
    [
        new("K", "kelvin", Dimension.Temperature, 1),
        new("degC", "degree Celsius", Dimension.Temperature, 1, 273.15),
        new("degF", "degree Fahrenheit", Dimension.Temperature, 5.0 / 9.0, 459.67 * 5.0 / 9.0),

        new("Pa", "pascal", Dimension.Pressure, 1),
        new("hPa", "hectopascal", Dimension.Pressure, 1e2),
        new("kPa", "kilopascal", Dimension.Pressure, 1e3),
        new("MPa", "megapascal", Dimension.Pressure, 1e6),
        new("mbar", "millibar", Dimension.Pressure, 1e2),
        new("bar", "bar", Dimension.Pressure, 1e5),
        new("psi", "pound-force per square inch", Dimension.Pressure, Pound * StandardGravity / (Inch * Inch)),
        new("atm", "standard atmosphere", Dimension.Pressure, 101_325),

        new("W", "watt", Dimension.Power, 1),
        new("kW", "kilowatt", Dimension.Power, 1e3),
        new("MW", "megawatt", Dimension.Power, 1e6),
        new("VA", "volt-ampere", Dimension.ApparentPower, 1),
        new("kVA", "kilovolt-ampere", Dimension.ApparentPower, 1e3),
        new("MVA", "megavolt-ampere", Dimension.ApparentPower, 1e6),
        new("var", "volt-ampere reactive", Dimension.ReactivePower, 1),
        new("kvar", "kilovolt-ampere reactive", Dimension.ReactivePower, 1e3),
        new("Mvar", "megavolt-ampere reactive", Dimension.ReactivePower, 1e6),

        new("J", "joule", Dimension.Energy, 1),
        new("kJ", "kilojoule", Dimension.Energy, 1e3),
        new("MJ", "megajoule", Dimension.Energy, 1e6),
        new("Wh", "watt hour", Dimension.Energy, 3.6e3),
        new("kWh", "kilowatt hour", Dimension.Energy, 3.6e6),
        new("MWh", "megawatt hour", Dimension.Energy, 3.6e9),

        new("m3/s", "cubic metre per second", Dimension.VolumeFlow, 1),
        new("m3/min", "cubic metre per minute", Dimension.VolumeFlow, 1.0 / 60),
        new("m3/h", "cubic metre per hour", Dimension.VolumeFlow, 1.0 / 3600),
        new("l/s", "litre per second", Dimension.VolumeFlow, 1e-3),
        new("l/min", "litre per minute", Dimension.VolumeFlow, 1e-3 / 60),
        new("l/h", "litre per hour", Dimension.VolumeFlow, 1e-3 / 3600),

        new("kg/s", "kilogram per second", Dimension.MassFlow, 1),
        new("kg/min", "kilogram per minute", Dimension.MassFlow, 1.0 / 60),
        new("kg/h", "kilogram per hour", Dimension.MassFlow, 1.0 / 3600),
        new("g/s", "gram per second", Dimension.MassFlow, 1e-3),
        new("t/h", "tonne per hour", Dimension.MassFlow, 1e3 / 3600),

        new("rad/s", "radian per second", Dimension.RotationalSpeed, 1),
        new("rpm", "revolution per minute", Dimension.RotationalSpeed, 2 * Math.PI / 60),

        new("Hz", "hertz", Dimension.Frequency, 1),
        new("kHz", "kilohertz", Dimension.Frequency, 1e3),

        new("%", "percent", Dimension.Ratio, 1e-2),
        new("ppm", "part per million", Dimension.Ratio, 1e-6),

        new("A", "ampere", Dimension.Current, 1),
        new("mA", "milliampere", Dimension.Current, 1e-3),
        new("kA", "kiloampere", Dimension.Current, 1e3),

        new("V", "volt", Dimension.Voltage, 1),
        new("mV", "millivolt", Dimension.Voltage, 1e-3),
        new("kV", "kilovolt", Dimension.Voltage, 1e3),

        new("m", "metre", Dimension.Length, 1),
        new("um", "micrometre", Dimension.Length, 1e-6),
        new("mm", "millimetre", Dimension.Length, 1e-3),
        new("cm", "centimetre", Dimension.Length, 1e-2),
        new("km", "kilometre", Dimension.Length, 1e3),
        new("in", "inch", Dimension.Length, Inch),
        new("ft", "foot", Dimension.Length, 0.3048),

        new("m/s", "metre per second", Dimension.Velocity, 1),
        new("mm/s", "millimetre per second", Dimension.Velocity, 1e-3),
        new("m/min", "metre per minute", Dimension.Velocity, 1.0 / 60),
        new("km/h", "kilometre per hour", Dimension.Velocity, 1.0 / 3.6),

        new("s", "second", Dimension.Time, 1),
        new("ms", "millisecond", Dimension.Time, 1e-3),
        new("min", "minute", Dimension.Time, 60),
        new("h", "hour", Dimension.Time, 3600),
        new("d", "day", Dimension.Time, 86_400),

        new("kg", "kilogram", Dimension.Mass, 1),
        new("g", "gram", Dimension.Mass, 1e-3),
        new("t", "tonne", Dimension.Mass, 1e3),
        new("lb", "pound", Dimension.Mass, Pound),

        new("m3", "cubic metre", Dimension.Volume, 1),
        new("l", "litre", Dimension.Volume, 1e-3),
        new("ml", "millilitre", Dimension.Volume, 1e-6),

        new("N", "newton", Dimension.Force, 1),
        new("kN", "kilonewton", Dimension.Force, 1e3),

        new("Nm", "newton metre", Dimension.Torque, 1),
        new("kNm", "kilonewton metre", Dimension.Torque, 1e3),
    ];
}
