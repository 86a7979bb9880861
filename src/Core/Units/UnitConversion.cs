namespace Proxus.Core.Units;

/// <summary>A precomputed affine conversion between two compatible units: <c>to = from * Scale + Shift</c>.</summary>
public readonly record struct UnitConversion(double Scale, double Shift)
{
    /// <summary>The conversion that leaves values unchanged.</summary>
    public static UnitConversion Identity { get; } = new(1, 0);

    public bool IsIdentity => Scale == 1 && Shift == 0;

    public double Apply(double value) => (value * Scale) + Shift;

    /// <summary>Converts a difference of two values (a deadband, a span): the offset does not apply.</summary>
    public double ApplyToDifference(double difference) => difference * Scale;
}
